package dev.archgate.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.elf.ElfSamples;
import dev.archgate.elf.ElfScanner;
import org.junit.jupiter.api.Test;

class ElfExpectationTest {
    private static ElfMismatch mismatch(String platform, java.nio.file.Path file) throws Exception {
        Platform p = Platform.parse(platform);
        return ElfExpectation.of(p).judge(ElfScanner.scan(file), p).orElse(null);
    }

    @Test
    void eachPlatformAcceptsItsOwnCodeAndNamesForeignCode() throws Exception {
        assertThat(mismatch("linux/arm64", ElfSamples.go("arm64", null))).isNull();
        assertThat(mismatch("linux/s390x", ElfSamples.go("s390x", null))).isNull();
        assertThat(mismatch("linux/riscv64", ElfSamples.go("riscv64", null))).isNull();

        ElfMismatch foreign = mismatch("linux/arm64", ElfSamples.go("amd64", null));
        assertThat(foreign.kind()).isEqualTo(ElfMismatch.Kind.ARCHITECTURE);
        assertThat(foreign.description()).isEqualTo("x86-64 code, but linux/arm64 runs AArch64 code");
        assertThat(mismatch("linux/ppc64le", ElfSamples.go("s390x", null)).description())
                .isEqualTo("s390x code, but linux/ppc64le runs PowerPC64 little-endian code");
        assertThat(mismatch("linux/amd64", ElfSamples.go("386", null)).kind()).isEqualTo(ElfMismatch.Kind.ARCHITECTURE);
    }

    @Test
    void armv7CodeInAnArmV6ImageIsAnArmLevelMismatch() throws Exception {
        java.nio.file.Path armhfBusybox = ElfSamples.debian("armv7", "busybox", "bin/busybox");
        ElfMismatch level = mismatch("linux/arm/v6", armhfBusybox);

        assertThat(level.kind()).isEqualTo(ElfMismatch.Kind.ARM_LEVEL);
        assertThat(level.description()).startsWith("ARMv7 code (Tag_CPU_arch 10), but linux/arm/v6 runs at most ARMv6K");
        assertThat(mismatch("linux/arm/v7", armhfBusybox)).isNull();
        assertThat(mismatch("linux/arm/v6", ElfSamples.debian("armv5", "busybox", "bin/busybox"))).isNull();
        assertThat(mismatch("linux/arm/v5", armhfBusybox).kind()).isEqualTo(ElfMismatch.Kind.ARM_LEVEL);
    }

    @Test
    void goArmInTheBuildInfoGivesTheLevelOfGoProgramsWhichCarryNoArmAttributes() throws Exception {
        ElfMismatch level = mismatch("linux/arm/v6", ElfSamples.go("arm", "7"));
        assertThat(level.kind()).isEqualTo(ElfMismatch.Kind.ARM_LEVEL);
        assertThat(level.description()).startsWith("ARMv7 code (Go, GOARM=7), but linux/arm/v6 runs at most ARMv6K");
        assertThat(mismatch("linux/arm/v6", ElfSamples.go("arm", "6"))).isNull();
        assertThat(mismatch("linux/arm/v7", ElfSamples.go("arm", "7"))).isNull();
        assertThat(mismatch("linux/arm/v5", ElfSamples.go("arm", "5"))).isNull();
    }
}
