package dev.archgate.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.DockerClients;
import dev.archgate.host.QemuBinaries;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SmokeTest;
import dev.archgate.testing.FixturePrograms;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A container made and started ahead of its run (while the gate reads the layers) is taken only by
 * the run whose launch, resolved from the real layers, is exactly the guessed one; the verdict is
 * the real engine's and QEMU's, as without it; what no run took is removed, running or not. Sources of truth: the local
 * engine's container list and the fixtures' real arm64 and x86-64 programs under QEMU.
 */
@IntegrationTest
class SmokeSpeculationIT {
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final SmokeTest VERSION = new SmokeTest("version", SmokeTest.Mode.COMMAND, List.of("/app", "--version"), 0, "^app ", "",
            Duration.ofSeconds(60), Duration.ofSeconds(1));

    private final DockerClient docker = DockerClients.fromEnvironment(System.getenv());
    private final Labels labels = new Labels();
    private final SmokeRunner runner = new SmokeRunner(docker, labels, new QemuBinaries(Path.of("/usr/bin")));

    @Test
    void theRunWhoseLaunchWasGuessedTakesTheContainerAndPasses() throws Exception {
        String image = Fixtures.named("good-static").image();
        runner.speculate(image, ARM64, List.of("/app", "--version"), null);
        assertThat(runner.speculations()).isEqualTo(1);
        assertThat(containers()).hasSize(1);

        SmokeResult r = runner.run(request(image, List.of("/app", "--version")));

        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(runner.speculations()).isZero();
        assertThat(runner.liveContainers()).isZero();
        assertThat(containers()).isEmpty();
    }

    @Test
    void aGuessedProgramThatEndedBeforeTheRunTookItKeepsItsOutputAndStatus() throws Exception {
        // Started ahead, the program may end while the layers are still read: the run is judged on
        // what it wrote from its start and on its status, as if the run had started it.
        String image = Fixtures.named("good-static").image();
        runner.speculate(image, ARM64, List.of("/app", "--version"), null);
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (containers().stream().anyMatch(c -> "running".equals(c.getState())) && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(containers()).as("the guessed program ended before the run").allMatch(c -> "exited".equals(c.getState()));

        SmokeResult r = runner.run(request(image, List.of("/app", "--version")));

        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(containers()).isEmpty();
    }

    @Test
    void aGuessedContainerKeepsTheVerdictOfAForeignProgram() throws Exception {
        // broken-goarch's arm64 variant holds an x86-64 /app: QEMU refuses it in the guessed container as in a fresh one.
        String image = Fixtures.named("broken-goarch").image();
        runner.speculate(image, ARM64, List.of("/app", "--version"), null);

        SmokeResult r = runner.run(request(image, List.of("/app", "--version")));

        assertThat(runner.speculations()).isZero();
        assertThat(r.outcome().id()).as(r.detail()).isEqualTo("smoke.exec-format-error");
        assertThat(containers()).isEmpty();
    }

    @Test
    void containersGuessedForAnotherLaunchAreNotTakenAndTheRunRemovesThem() throws Exception {
        String image = Fixtures.named("good-static").image();
        runner.speculate(image, ARM64, List.of("/app", "--no-such-flag"), null);
        runner.speculate(image, ARM64, List.of("/app", "--version"), "cortex-a53"); // another CPU model: another launch

        SmokeResult r = runner.run(request(image, List.of("/app", "--version")));

        assertThat(r.passed()).as(r.detail()).isTrue();
        assertThat(runner.speculations()).as("the run removed what it did not take").isZero();
        assertThat(runner.liveContainers()).isZero();
        assertThat(containers()).isEmpty();
    }

    @Test
    void whatNoRunTookIsRemovedWhenThePlatformEnds() throws Exception {
        String image = Fixtures.named("good-static").image();
        runner.speculate(image, ARM64, List.of("/app", "--version"), null);
        runner.discardSpeculation(image, Platform.parse("linux/amd64")); // another platform's: left alone
        assertThat(runner.speculations()).isEqualTo(1);

        runner.discardSpeculation(image, ARM64);

        assertThat(runner.speculations()).isZero();
        assertThat(runner.liveContainers()).isZero();
        assertThat(containers()).isEmpty();
    }

    @Test
    void aRelativeProgramIsNotGuessed() throws Exception {
        runner.speculate(Fixtures.named("good-static").image(), ARM64, List.of("app", "--version"), null);
        assertThat(runner.speculations()).isZero();
        assertThat(containers()).isEmpty();
    }

    private SmokeRequest request(String image, List<String> argv) throws Exception {
        return SmokeRequest.of(image, ARM64, VERSION).program(FixturePrograms.chain(image, ARM64, argv), argv).build();
    }

    private List<Container> containers() {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.RUN, labels.forContainer().get(Labels.RUN))).exec();
    }
}
