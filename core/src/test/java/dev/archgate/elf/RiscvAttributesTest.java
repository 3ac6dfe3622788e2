package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Tag_RISCV_arch read from real files. Sources of truth: programs built here by Debian's
 * riscv64-linux-gnu-gcc 12 from test-fixtures/src/c/rv-vector.c (no C library, so the attribute is
 * the -march given), their riscv64-linux-gnu-readelf -A and -l output (PT_RISCV_ATTRIBUTES), and
 * Debian's own glibc for riscv64 as the cross toolchain installs it (libc6-riscv64-cross).
 */
class RiscvAttributesTest {
    private static final String RV64GC = "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0_zifencei2p0_zmmul1p0";

    static Path program(String march) throws Exception {
        return ElfSamples.crossGcc("riscv64-linux-gnu", "rv-vector.c", "rv-" + march, "-O2", "-static", "-nostdlib", "-ffreestanding",
                "-march=" + march, "-mabi=lp64d");
    }

    @Test
    void theArchitectureStringIsReadAsTheLinkerWroteIt() throws Exception {
        // readelf -A: Tag_RISCV_arch: "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_v1p0_zicsr2p0_zifencei2p0_zmmul1p0_zve32f1p0_..."
        assertThat(ElfScanner.scan(program("rv64gcv")).hardware().riscvArch())
                .isEqualTo("rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_v1p0_zicsr2p0_zifencei2p0_zmmul1p0_zve32f1p0_zve32x1p0_zve64d1p0_zve64f1p0"
                        + "_zve64x1p0_zvl128b1p0_zvl32b1p0_zvl64b1p0");
        assertThat(ElfScanner.scan(program("rv64gc")).hardware().riscvArch()).isEqualTo(RV64GC);
    }

    @Test
    void debiansGlibcRecordsRv64gc() throws Exception {
        // readelf -lW: RISCV_ATTRIBUT at 0x126800, 0x57 bytes, in the last 64 KiB of the 1,213,544-byte file.
        Path libc = Path.of("/usr/riscv64-linux-gnu/lib/libc.so.6");
        assertThat(libc).as("libc6-riscv64-cross, installed with gcc-riscv64-linux-gnu by dev/setup-host").exists();
        assertThat(ElfScanner.scan(libc).hardware().riscvArch()).isEqualTo(RV64GC);
    }

    @Test
    void anAttributesSectionFarFromTheEndIsReadAsTheFileStreamsPast() throws Exception {
        // objcopy --add-section puts 200 KiB after .riscv.attributes, as .symtab and debug sections do in an unstripped file.
        Path program = program("rv64gcv");
        Path padding = Files.createTempFile("riscv-padding", ".bin");
        Path padded = program.resolveSibling("rv-rv64gcv-padded");
        try {
            Files.write(padding, new byte[200 * 1024]);
            Process p = new ProcessBuilder(List.of("riscv64-linux-gnu-objcopy", "--add-section", ".padding=" + padding, program.toString(),
                    padded.toString())).inheritIO().start();
            assertThat(p.waitFor()).isZero();
            assertThat(Files.size(padded)).isGreaterThan(ElfScanner.FRONT + ElfScanner.TAIL);
            assertThat(ElfScanner.scan(padded).hardware().riscvArch()).contains("_v1p0_");
        } finally {
            Files.deleteIfExists(padding);
        }
    }

    @Test
    void filesOfOtherMachinesRecordNone() throws Exception {
        assertThat(ElfScanner.scan(ElfSamples.gcc("atomics.c", "atomics-host", "-O2")).hardware().riscvArch()).isNull();
    }
}
