package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.findings.Report;
import dev.archgate.findings.Verdict;
import dev.archgate.host.DockerClients;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.Labels;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The sweep of an earlier run's leftovers runs beside the smoke runs rather than before them, and
 * is still over when the gate hands back its report.
 */
@IntegrationTest
class GateSweepIT {
    @Test
    void aDeadRunsLeftoverIsGoneWhenTheGateReturns() throws Exception {
        DockerClient docker = DockerClients.fromEnvironment(System.getenv());
        String image = Fixtures.named("good-static").image();
        docker.pullImageCmd(image).withPlatform("linux/amd64").start().awaitCompletion();
        Map<String, String> dead = Map.of(Labels.MARK, "1", Labels.RUN, "a-run-that-died",
                Labels.OWNER, InetAddress.getLocalHost().getHostName() + "/" + Files.readSymbolicLink(Path.of("/proc/self/ns/pid")) + ":999999999");
        String leftover = docker.createContainerCmd(image).withPlatform("linux/amd64").withLabels(dead).exec().getId();
        var spec = SpecDraft.empty().withImage(image).withPlatforms(Platform.parseList("linux/amd64,linux/arm64"))
                .withSmoke(List.of(new SmokeTest("version", SmokeTest.Mode.COMMAND, List.of("/app", "--version"), 0, "^app ", "",
                        Duration.ofSeconds(60), Duration.ofSeconds(1)))).toSpec();

        Report report = Gate.startSmoke(HOST, spec, line -> { }).await();

        assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.PASS);
        assertThat(docker.listContainersCmd().withShowAll(true).withIdFilter(List.of(leftover)).exec()).isEmpty();
    }
}
