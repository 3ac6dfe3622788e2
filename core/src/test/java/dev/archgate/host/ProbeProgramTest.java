package dev.archgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.elf.ElfExpectation;
import dev.archgate.elf.ElfInfo;
import dev.archgate.elf.ElfScanner;
import dev.archgate.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProbeProgramTest {
    @ParameterizedTest
    @ValueSource(strings = {"linux/amd64", "linux/arm64", "linux/arm/v7", "linux/arm/v5", "linux/s390x", "linux/ppc64le", "linux/riscv64"})
    void theGeneratedProgramIsAValidElfOfThePlatformAndPrintsOk(String name, @TempDir Path dir) throws Exception {
        Platform p = Platform.parse(name);
        Path probe = Files.write(dir.resolve("probe"), ProbeProgram.elf(p));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwxr-xr-x"));

        ElfInfo elf = ElfScanner.scan(probe);
        assertThat(ElfExpectation.of(p).judge(elf, p)).isEmpty();
        assertThat(elf.interpreter()).isNull();

        // The host runs amd64 itself; every other platform through its static QEMU, called directly
        // so the test does not depend on binfmt_misc.
        ProcessBuilder pb = p.architecture().equals("amd64") ? new ProcessBuilder(probe.toString())
                : new ProcessBuilder("/usr/bin/qemu-" + p.qemuArch() + "-static", probe.toString());
        Process run = pb.redirectErrorStream(true).start();
        String out = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(run.exitValue()).as(out).isZero();
        assertThat(out).isEqualTo(ProbeProgram.OUTPUT);
    }
}
