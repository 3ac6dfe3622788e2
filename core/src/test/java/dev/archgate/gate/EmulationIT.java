package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Report;
import dev.archgate.findings.Verdict;
import dev.archgate.host.Host;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.HandlerChange;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform the host cannot emulate is an environment error, and qemu install brings it back.
 * While a test changes a handler it holds archgate's handler lock (HandlerChange), so other runs
 * on the machine wait instead of reporting emulation.missing; its own runs use a lock of their own.
 */
@IntegrationTest
class EmulationIT {
    private static final Path AARCH64 = Path.of("/proc/sys/fs/binfmt_misc/qemu-aarch64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @Test
    void aDisabledHandlerMakesArm64AnErrorAndInstallRestoresItProvenByTheProbe(@TempDir Path dir) throws Exception {
        try (HandlerChange change = HandlerChange.begin(); Host host = HandlerChange.host(dir.resolve("own.lock"))) {
            try {
                Files.writeString(AARCH64, "0");

                Report smoke = Gate.smoke(host, SpecDraft.empty().withImage(Fixtures.named("good-static").image())
                        .withPlatforms(Platform.parseList("linux/amd64,linux/arm64"))
                        .withSmoke(List.of(new SmokeTest("version", SmokeTest.Mode.COMMAND, List.of("/app", "--version"), 0, "^app ", "",
                                Duration.ofSeconds(30), Duration.ofSeconds(1)))).toSpec(), GateListener.SILENT);
                assertThat(smoke.verdict()).isEqualTo(Verdict.ERROR);
                assertThat(smoke.platforms().get(0).verdict()).isEqualTo(Verdict.PASS);
                assertThat(smoke.platforms().get(1).findings()).singleElement().satisfies(f -> {
                    assertThat(f.check().id()).isEqualTo("emulation.missing");
                    assertThat(f.message()).contains("qemu-aarch64 is disabled").contains("archgate qemu install linux/arm64");
                });
                assertThat(Gate.qemuStatus(host, List.of(ARM64)).verdict()).isEqualTo(Verdict.ERROR);

                List<String> log = new ArrayList<>();
                Report installed = Gate.qemuInstall(host, List.of(ARM64), false, log::add);

                assertThat(log).containsExactly("linux/arm64: enabled qemu-aarch64");
                assertThat(installed.verdict()).isEqualTo(Verdict.PASS);
                assertThat(installed.platforms().get(0).smoke()).singleElement().satisfies(probe -> {
                    assertThat(probe.name()).isEqualTo("probe");
                    assertThat(probe.passed()).isTrue();
                });
                assertThat(Files.readAllLines(AARCH64).get(0)).isEqualTo("enabled");
            } finally {
                Files.writeString(AARCH64, "1");
            }
        }
    }

    @Test
    void theProbeProvesEveryEmulatedPlatformAndTheNativeOne() throws Exception {
        Report status = Gate.qemuStatus(HOST, Platform.parseList("linux/amd64,linux/arm64,linux/arm/v7,linux/s390x,linux/ppc64le,linux/riscv64"));
        assertThat(status.platforms()).allSatisfy(p -> {
            assertThat(p.verdict()).as(p.platform().toString()).isEqualTo(Verdict.PASS);
            assertThat(p.smoke()).singleElement().satisfies(probe -> assertThat(probe.passed()).isTrue());
        });
    }

    @Test
    void aPrivilegedContainerOnTheEngineRegistersAHandlerThatOutlivesIt(@TempDir Path dir) throws Exception {
        Platform riscv64 = Platform.parse("linux/riscv64");
        Path handler = Path.of("/proc/sys/fs/binfmt_misc/qemu-riscv64");
        try (HandlerChange change = HandlerChange.begin(); Host host = HandlerChange.host(dir.resolve("own.lock"))) {
            try {
                Files.writeString(handler, "-1"); // gone, as on a fresh engine host
                assertThat(Gate.qemuStatus(host, List.of(riscv64)).verdict()).isEqualTo(Verdict.ERROR);

                List<String> log = new ArrayList<>();
                Report installed = Gate.qemuInstall(host, List.of(riscv64), true, log::add);

                assertThat(log).containsExactly("linux/riscv64: registered qemu-riscv64 through a privileged container");
                assertThat(installed.verdict()).as(installed.toString()).isEqualTo(Verdict.PASS);
                assertThat(Files.readAllLines(handler)).contains("enabled", "interpreter /qemu/qemu-riscv64-static", "flags: F");
            } finally {
                // Back to the host's own registration, as dev/setup-host leaves it, before the lock is released.
                if (Files.exists(handler)) {
                    Files.writeString(handler, "-1");
                }
                Gate.qemuInstall(host, List.of(riscv64), false, line -> { });
            }
        }
    }
}
