package dev.archgate.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.DockerClients;
import dev.archgate.host.QemuBinaries;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SmokeTest;
import dev.archgate.testing.FixturePrograms;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Containers archgate creates never outlive it: 50 runs with timeouts and an interrupt leave none. */
@IntegrationTest
class SmokeRunnerIT {
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @Test
    void fiftyRunsWithTimeoutsAndAnInterruptLeaveNoContainer() throws Exception {
        DockerClient docker = DockerClients.fromEnvironment(System.getenv());
        Labels labels = new Labels();
        SmokeRunner runner = new SmokeRunner(docker, labels, new QemuBinaries(Path.of("/usr/bin")));
        String service = Fixtures.named("good-service").image();
        String tool = Fixtures.named("good-static").image();
        SmokeTest quick = new SmokeTest("version", SmokeTest.Mode.COMMAND, List.of("/app", "--version"), 0, "^app ", "",
                Duration.ofSeconds(30), Duration.ofSeconds(1));
        SmokeTest timesOut = new SmokeTest("hangs", SmokeTest.Mode.COMMAND, List.of(), 0, "", "", Duration.ofMillis(300), Duration.ofSeconds(1));

        ProgramChain serviceChain = FixturePrograms.chain(service, ARM64, List.of("/service"));
        ProgramChain toolChain = FixturePrograms.chain(tool, ARM64, List.of("/app", "--version"));
        int timeouts = 0;
        for (int i = 0; i < 50; i++) {
            if (i == 25) {
                assertThat(interruptedRun(runner, service, timesOut, serviceChain)).isTrue();
                continue;
            }
            boolean hang = i % 5 == 0;
            SmokeResult r = runner.run(SmokeRequest.of(hang ? service : tool, ARM64, hang ? timesOut : quick)
                    .program(hang ? serviceChain : toolChain, hang ? List.of("/service") : List.of("/app", "--version")).build());
            if (hang) {
                assertThat(r.outcome().id()).as(r.detail()).isEqualTo("smoke.timeout");
                timeouts++;
            } else {
                assertThat(r.passed()).as(r.detail()).isTrue();
            }
        }

        assertThat(timeouts).isEqualTo(9); // every fifth run hangs, the 26th is the interrupted one
        assertThat(runner.liveContainers()).isZero();
        assertThat(docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.RUN, labels.forContainer().get(Labels.RUN)))
                .exec()).isEmpty();
    }

    /**
     * Interrupts a run while its container is up; true only when the run ended by throwing
     * InterruptedException. A run that returns a result after an interrupt would have given the
     * interrupted test a verdict it never earned.
     */
    private static boolean interruptedRun(SmokeRunner runner, String image, SmokeTest test, ProgramChain chain) throws InterruptedException {
        SmokeTest slow = new SmokeTest(test.name(), test.mode(), test.command(), 0, "", "", Duration.ofSeconds(60), Duration.ofSeconds(1));
        AtomicReference<Object> outcome = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                outcome.set(runner.run(SmokeRequest.of(image, ARM64, slow).program(chain, List.of("/service")).build()));
            } catch (Throwable e) {
                outcome.set(e);
            }
        });
        t.start();
        Thread.sleep(1500);
        t.interrupt();
        t.join(30_000);
        return !t.isAlive() && outcome.get() instanceof InterruptedException;
    }

    @Test
    void sweepRemovesContainersOfRunsWhoseProcessIsGone() throws Exception {
        DockerClient docker = DockerClients.fromEnvironment(System.getenv());
        String image = Fixtures.named("good-static").image();
        docker.pullImageCmd(image).withPlatform("linux/amd64").start().awaitCompletion();
        Map<String, String> dead = Map.of(Labels.MARK, "1", Labels.RUN, "an-old-run",
                Labels.OWNER, java.net.InetAddress.getLocalHost().getHostName() + "/" + java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")) + ":999999999");
        String id = docker.createContainerCmd(image).withPlatform("linux/amd64").withLabels(dead).exec().getId();

        int removed = new Labels().sweep(docker);

        assertThat(removed).isGreaterThanOrEqualTo(1);
        assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(id)).exec()).isEmpty();
    }
}
