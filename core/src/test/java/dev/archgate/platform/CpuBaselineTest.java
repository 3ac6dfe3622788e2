package dev.archgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.ProbeProgram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The baseline table: each platform variant's level and model, and each model run by this host's
 * QEMU 7.2 (Debian's qemu-user-static, which the project's hosts install) on archgate's own probe
 * program for the architecture: an unknown model or feature, or a model TCG refuses ("not
 * available in the configuration"), does not print the probe's "ok", and a model that makes QEMU
 * warn ("TCG doesn't support requested feature") would put lines into every program's output.
 */
class CpuBaselineTest {
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "linux/amd64      | x86-64-v1          | qemu64",
        "linux/amd64/v2   | x86-64-v2          | Nehalem",
        "linux/amd64/v3   | x86-64-v3          | Haswell-noTSX,-pcid,-x2apic,-tsc-deadline,-invpcid",
        "linux/arm64      | ARMv8.0-A          | cortex-a53",
        "linux/arm64/v8.2 | ARMv8.2-A          | cortex-a76",
        "linux/arm/v7     | ARMv7-A with VFPv3 | cortex-a8,neon=off",
        "linux/arm/v6     | ARMv6KZ with VFPv2 | arm1176",
        "linux/arm/v5     | ARMv5TE            | arm926",
        "linux/ppc64le    | POWER8             | power8",
        "linux/riscv64    | RV64GC             | rv64,zba=false,zbb=false,zbc=false,zbs=false"})
    void eachVariantHasItsBaselineModelAndQemuAcceptsIt(String platform, String level, String model) throws Exception {
        Platform p = Platform.parse(platform);
        CpuBaseline b = CpuBaseline.of(p);
        assertThat(b.level()).isEqualTo(level);
        assertThat(b.model()).contains(model);
        assertThat(qemuAccepts(p, model)).as("qemu-%s-static -cpu %s", p.qemuArch(), model).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"linux/amd64/v4", "linux/386", "linux/mips64le"})
    void levelsQemuCannotEmulateHaveNoModel(String platform) {
        assertThat(CpuBaseline.of(Platform.parse(platform)).model()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"linux/s390x", "linux/arm/v8", "linux/arm64/v9"})
    void variantsWithoutAnExactModelTakeOneQemuRuns(String platform) throws Exception {
        Platform p = Platform.parse(platform);
        assertThat(qemuAccepts(p, CpuBaseline.of(p).model().orElseThrow())).isTrue();
    }

    /** hardware.cpu's names: the level each stands for, and a model this host's QEMU 7.2 runs the probe program with. */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "linux/arm64   | cortex-a72  | 80 | cortex-a72",
        "linux/arm64   | neoverse-n1 | 82 | neoverse-n1",
        "linux/arm64   | armv8.0-a   | 80 | cortex-a53",
        "linux/arm64   | armv8.2-a   | 82 | cortex-a76",
        "linux/arm64   | armv9-a     | 85 | max",
        "linux/ppc64le | power9      | 9  | power9",
        "linux/s390x   | z14         | 14 | qemu",
        "linux/amd64   | x86-64-v1   | 1  | qemu64",
        "linux/amd64   | x86-64-v2   | 2  | Nehalem",
        "linux/riscv64 | rv64gc      | 20 | rv64,zba=false,zbb=false,zbc=false,zbs=false",
        "linux/riscv64 | rva22u64    | 22 | rv64,Zfh=true",
        "linux/riscv64 | rva23       | 23 | rv64,Zfh=true,v=true,vext_spec=v1.0,vlen=128"})
    void eachNamedCpuIsALevelAndAModelQemuRuns(String platform, String name, int rank, String model) throws Exception {
        Platform p = Platform.parse(platform);
        CpuBaseline b = CpuBaseline.named(p, name).orElseThrow();
        assertThat(b.rank()).isEqualTo(rank);
        assertThat(b.model()).contains(model);
        assertThat(qemuAccepts(p, model)).as("qemu-%s-static -cpu %s", p.qemuArch(), model).isTrue();
        assertThat(CpuBaseline.named(p, "cortex-x1")).isEmpty();
    }

    private static boolean qemuAccepts(Platform p, String model) throws IOException, InterruptedException {
        Path qemu = Path.of("/usr/bin/qemu-" + p.qemuArch() + "-static");
        assertThat(qemu).as("qemu-user-static is installed by dev/setup-host").exists();
        Path probe = Files.createTempFile("cpu-baseline", ".probe");
        try {
            Files.write(probe, ProbeProgram.elf(p));
            probe.toFile().setExecutable(true);
            Process proc = new ProcessBuilder(List.of(qemu.toString(), "-cpu", model, probe.toString())).redirectErrorStream(true).start();
            String out = new String(proc.getInputStream().readAllBytes());
            assertThat(proc.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return proc.exitValue() == 0 && out.equals(ProbeProgram.OUTPUT);
        } finally {
            Files.delete(probe);
        }
    }
}
