package dev.archgate.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.DockerClients;
import dev.archgate.host.QemuBinaries;
import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SmokeTest;
import dev.archgate.testing.FixturePrograms;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A program that dies of a signal it does not handle, run as the container's PID 1 under QEMU, fails
 * with that signal although QEMU never exits (it waits for its own re-raise, which the kernel drops
 * for a namespace's init: DyingEmulator), and good programs under QEMU still pass. broken-riscv-vector
 * (RV64GCV code under the RV64GC model) dies of SIGILL: qemu-riscv64-static runs it to exit 132 outside
 * a container; docker run of its image hangs.
 */
@IntegrationTest
class Pid1SignalIT {
    private static final Platform RISCV64 = Platform.parse("linux/riscv64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final String RV64GC = CpuBaseline.of(RISCV64).model().orElseThrow();
    private static DockerClient docker;
    private static SmokeRunner runner;

    @BeforeAll
    static void runner() {
        docker = DockerClients.fromEnvironment(System.getenv());
        runner = new SmokeRunner(docker, new Labels(), new QemuBinaries(Path.of("/usr/bin")));
    }

    @AfterAll
    static void close() throws Exception {
        assertThat(runner.liveContainers()).isZero();
        docker.close();
    }

    private static SmokeResult run(String fixture, Platform p, SmokeTest test, List<String> argv, boolean strict) throws Exception {
        String image = Fixtures.named(fixture).image();
        SmokeRequest request = SmokeRequest.of(image, p, test).program(FixturePrograms.chain(image, p, argv), argv).strict(strict)
                .cpuModel(p.equals(RISCV64) ? RV64GC : null).build();
        return runner.run(request);
    }

    @Test
    void aStartsTestOfAProgramDyingOfSigillFailsWithTheSignalNotAPass() throws Exception {
        SmokeResult strict = run("broken-riscv-vector", RISCV64, SmokeTest.starts(), List.of("/app"), true);
        assertThat(strict.outcome().id()).as(strict.detail()).isEqualTo("smoke.signal");
        assertThat(strict.exitCode()).isEqualTo(132);
        assertThat(strict.detail()).startsWith("killed by SIGILL under emulation");

        // Through binfmt_misc's QEMU (not strict) it is the same death.
        SmokeResult binfmt = run("broken-riscv-vector", RISCV64, SmokeTest.starts(), List.of("/app"), false);
        assertThat(binfmt.outcome().id()).as(binfmt.detail()).isEqualTo("smoke.signal");
    }

    @Test
    void aCommandTestOfItEndsWithTheSignalLongBeforeItsTimeout() throws Exception {
        SmokeTest command = new SmokeTest("runs", SmokeTest.Mode.COMMAND, List.of("/app"), 0, "", "", Duration.ofSeconds(60),
                Duration.ofSeconds(5));
        SmokeResult r = run("broken-riscv-vector", RISCV64, command, List.of("/app"), true);
        assertThat(r.outcome().id()).as(r.detail()).isEqualTo("smoke.signal");
        assertThat(r.durationMs()).isLessThan(15_000);
    }

    @Test
    void goodProgramsUnderQemuStillPass() throws Exception {
        SmokeResult gc = run("good-riscv-gc", RISCV64, SmokeTest.starts(), List.of("/app"), true);
        assertThat(gc.passed()).as(gc.detail()).isTrue();
        // A QEMU guest that keeps running (a Go service, its runtime waiting in futexes) is not mistaken for a dying one.
        SmokeTest service = new SmokeTest("serves", SmokeTest.Mode.SERVICE, List.of(), 0, "", "", Duration.ofSeconds(60),
                Duration.ofSeconds(5));
        SmokeResult arm64 = run("good-service", ARM64, service, List.of("/service"), true);
        assertThat(arm64.passed()).as(arm64.detail()).isTrue();
        SmokeResult binfmt = run("good-service", ARM64, service, List.of("/service"), false);
        assertThat(binfmt.passed()).as(binfmt.detail()).isTrue();
    }
}
