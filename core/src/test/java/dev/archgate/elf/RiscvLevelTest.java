package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import org.junit.jupiter.api.Test;

/**
 * RISC-V extensions against the platform's profile. The strings are those riscv64-linux-gnu-readelf -A
 * prints for Debian's glibc (libc6-riscv64-cross 2.36) and for programs built here with
 * riscv64-linux-gnu-gcc 12 -march=rv64gcv and -march=rv64gc_zba_zbb.
 */
class RiscvLevelTest {
    private static final Platform RISCV64 = Platform.parse("linux/riscv64");
    private static final String DEBIAN_GLIBC = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zmmul1p0";
    private static final String GCC_RV64GCV = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_v1p0_zicsr2p0_zifencei2p0_zmmul1p0_zve32f1p0_zve32x1p0"
            + "_zve64d1p0_zve64f1p0_zve64x1p0_zvl128b1p0_zvl32b1p0_zvl64b1p0";

    @Test
    void theVersionsAreDroppedAndGIsSpeltOut() {
        assertThat(RiscvLevel.extensions(DEBIAN_GLIBC)).containsExactly("i", "m", "a", "f", "d", "c", "zicsr", "zifencei", "zmmul");
        assertThat(RiscvLevel.extensions("rv64gc")).containsExactly("i", "m", "a", "f", "d", "zicsr", "zifencei", "c");
        assertThat(RiscvLevel.extensions("rv64i2p0m2p0a2p0_zba1p0")).containsExactly("i", "m", "a", "zba");
    }

    @Test
    void rv64gcIsWhatEveryBoardRuns() {
        assertThat(RiscvLevel.judge(DEBIAN_GLIBC, RISCV64, CpuBaseline.of(RISCV64))).isEmpty();
    }

    @Test
    void vectorCodeNamesTheExtensionAndTheBoardsWithoutIt() {
        ElfMismatch m = RiscvLevel.judge(GCC_RV64GCV, RISCV64, CpuBaseline.of(RISCV64)).orElseThrow();
        assertThat(m.kind()).isEqualTo(ElfMismatch.Kind.CPU_LEVEL);
        assertThat(m.wholeFile()).isTrue();
        assertThat(m.description()).isEqualTo("RISC-V code built for V (vector 1.0) (.riscv.attributes), but linux/riscv64 promises only "
                + "RV64GC, and boards without it are common: StarFive JH7110 (VisionFive 2, Milk-V Mars), SiFive FU740 (HiFive Unmatched), "
                + "Allwinner D1 and Sophgo CV1800B (T-Head C906: only the draft vector 0.7.1); build with -march=rv64gc, or declare the "
                + "fleet's CPU: hardware.cpu: {linux/riscv64: rva23u64}");
    }

    @Test
    void aRaisedBaselineAllowsItsProfile() {
        assertThat(RiscvLevel.judge(GCC_RV64GCV, RISCV64, CpuBaseline.named(RISCV64, "rva23").orElseThrow())).isEmpty();
        String bitmanip = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zmmul1p0_zba1p0_zbb1p0";
        assertThat(RiscvLevel.judge(bitmanip, RISCV64, CpuBaseline.named(RISCV64, "rva22u64").orElseThrow())).isEmpty();
        assertThat(RiscvLevel.judge(bitmanip, RISCV64, CpuBaseline.of(RISCV64)).orElseThrow().description())
                .contains("Zba (bit manipulation), Zbb (bit manipulation)").contains("SiFive FU740 (HiFive Unmatched), Allwinner D1")
                .doesNotContain("JH7110").contains("hardware.cpu: {linux/riscv64: rva22u64}");
        assertThat(RiscvLevel.judge(GCC_RV64GCV, RISCV64, CpuBaseline.named(RISCV64, "rva22u64").orElseThrow())).isPresent();
    }
}
