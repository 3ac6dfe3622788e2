package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import org.junit.jupiter.api.Test;

/**
 * A glibc loader's floor against the platform's baseline. Source of truth for the floors: glibc's
 * sysdeps/s390/s390-64/dl-hwcap-check.h ("CPU lacks VXE support (z14 or later required)"),
 * sysdeps/powerpc/powerpc64/le/dl-hwcap-check.h ("(POWER9 or later required)") and
 * sysdeps/x86/cpu-features.c ("CPU does not support x86-64-v%d"), which TextMarkers reads in the loader;
 * no Debian package carries such a loader (Debian builds for z196, POWER8 and x86-64-v1).
 */
class HardwareLevelTest {
    private static HardwareFacts floor(String floor) {
        return new HardwareFacts(65536, null, null, floor, null);
    }

    @Test
    void aZ14LoaderFailsTheDefaultS390xBaselineAndPassesADeclaredZ14Fleet() {
        Platform s390x = Platform.parse("linux/s390x");
        assertThat(HardwareLevel.judge(floor("z14"), s390x, CpuBaseline.of(s390x))).hasValueSatisfying(m -> {
            assertThat(m.kind()).isEqualTo(ElfMismatch.Kind.CPU_LEVEL);
            assertThat(m.wholeFile()).isTrue();
            assertThat(m.description()).contains("a glibc built for z14").contains("promises only z196").contains("hardware.cpu: {linux/s390x: z14}");
        });
        assertThat(HardwareLevel.judge(floor("z14"), s390x, CpuBaseline.named(s390x, "z14").orElseThrow())).isEmpty();
        assertThat(HardwareLevel.judge(floor("z16"), s390x, CpuBaseline.named(s390x, "z15").orElseThrow())).isPresent();
    }

    @Test
    void power9AndX86_64V2LoadersAreJudgedByTheirOwnArchitectures() {
        Platform ppc = Platform.parse("linux/ppc64le");
        Platform amd64 = Platform.parse("linux/amd64");
        assertThat(HardwareLevel.judge(floor("POWER9"), ppc, CpuBaseline.of(ppc))).isPresent();
        assertThat(HardwareLevel.judge(floor("POWER9"), ppc, CpuBaseline.named(ppc, "power9").orElseThrow())).isEmpty();
        assertThat(HardwareLevel.judge(floor("x86-64-v2"), amd64, CpuBaseline.of(amd64))).isPresent();
        assertThat(HardwareLevel.judge(floor("x86-64-v2"), Platform.parse("linux/amd64/v2"), CpuBaseline.of(Platform.parse("linux/amd64/v2"))))
                .isEmpty();
        // a floor of another architecture's kind says nothing here
        assertThat(HardwareLevel.judge(floor("z14"), ppc, CpuBaseline.of(ppc))).isEmpty();
    }
}
