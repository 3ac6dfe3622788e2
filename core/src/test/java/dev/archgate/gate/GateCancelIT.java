package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Verdict;
import dev.archgate.host.DockerClients;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.Labels;
import dev.archgate.spec.BuildSpec;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An adapter can cancel a running gate: its build's processes stop, its smoke containers go, and
 * it still gets a report in which every unfinished platform is an error with reason interrupted.
 */
@IntegrationTest
class GateCancelIT {
    @Test
    void cancellingDuringSmokeRunsRemovesTheContainersAndReportsTheUnfinishedPlatformsAsInterrupted() throws Exception {
        DockerClient docker = DockerClients.fromEnvironment(System.getenv());
        CountDownLatch started = new CountDownLatch(1);
        var spec = SpecDraft.empty().withImage(Fixtures.named("good-service").image()).withPlatforms(Platform.parseList("linux/amd64,linux/arm64"))
                .withSmoke(List.of(new SmokeTest("serves", SmokeTest.Mode.SERVICE, List.of(), 0, "", "", Duration.ofSeconds(60),
                        Duration.ofSeconds(60)))).toSpec();

        GateRun run = Gate.start(HOST, spec, new GateListener() {
            @Override
            public void log(String line) {}

            @Override
            public void platformStarted(Platform platform) {
                started.countDown();
            }
        });
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        waitForContainers(docker, 2);
        run.cancel();
        Report report = run.await();

        // A cancelled run is never a normal return with a verdict of its own: both were mid-test.
        assertInterrupted(report, spec.platforms());
        assertThat(containersOfThisProcess(docker)).isZero(); // gone before the report was handed back
    }

    @Test
    void cancellingDuringABuildStopsTheBuildxProcessesAndItsRunStep(@TempDir Path context) throws Exception {
        int seconds = 3000 + ThreadLocalRandom.current().nextInt(5000); // names this build's RUN step among the host's processes
        Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:5000/archgate/bases/busybox:1\nRUN sleep " + seconds + "\n");
        var spec = SpecDraft.empty().withBuild(new BuildSpec(context, null, Map.of(), false, List.of(), null))
                .withPlatforms(Platform.parseList("linux/amd64")).toSpec();
        CountDownLatch stepRuns = new CountDownLatch(1);

        GateRun run = Gate.start(HOST, spec, line -> {
            if (line.contains("RUN sleep " + seconds)) {
                stepRuns.countDown();
            }
        });
        Report report;
        try {
            assertThat(stepRuns.await(5, TimeUnit.MINUTES)).as("the build reached its RUN step").isTrue();
            assertThat(waitFor(() -> processes("sleep " + seconds) > 0)).as("the RUN step's process started").isTrue();
        } finally {
            run.cancel();
            report = run.await();
        }

        assertInterrupted(report, spec.platforms());
        assertThat(processes(context.toString())).as("buildx processes of this build").isZero();
        assertThat(waitFor(() -> processes("sleep " + seconds) == 0)).as("BuildKit stopped the RUN step").isTrue();
    }

    private static void assertInterrupted(Report report, List<Platform> platforms) {
        assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(report.platforms()).extracting(PlatformReport::platform).containsExactlyElementsOf(platforms);
        for (PlatformReport p : report.platforms()) {
            assertThat(p.verdict()).isEqualTo(Verdict.ERROR);
            assertThat(p.reason()).isEqualTo("interrupted");
            assertThat(p.findings()).extracting(Finding::check).containsExactly(Check.RUN_INTERRUPTED);
            assertThat(p.smoke()).isEmpty(); // no engine message from the removal leaks in as a result
        }
    }

    /**
     * Host processes whose command line contains {@code text}, read from /proc: the JDK's process
     * info leaves out processes whose executable lies in a container's filesystem.
     */
    private static long processes(String text) {
        try (var dirs = Files.list(Path.of("/proc"))) {
            return dirs.filter(d -> d.getFileName().toString().matches("\\d+")).filter(d -> {
                try {
                    return new String(Files.readAllBytes(d.resolve("cmdline")), java.nio.charset.StandardCharsets.UTF_8).replace('\0', ' ')
                            .contains(text);
                } catch (java.io.IOException gone) {
                    return false;
                }
            }).count();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static boolean waitFor(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        return condition.getAsBoolean();
    }

    private static void waitForContainers(DockerClient docker, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (containersOfThisProcess(docker) < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(containersOfThisProcess(docker)).isGreaterThanOrEqualTo(n);
    }

    /** Containers of this process (the gate's runs are owned by it). */
    private static long containersOfThisProcess(DockerClient docker) {
        String owner = ":" + ProcessHandle.current().pid();
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.MARK, "1")).exec().stream()
                .filter(c -> c.getLabels().getOrDefault(Labels.OWNER, "").endsWith(owner)).count();
    }
}
