package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The evidence of run-time CPU dispatch read from real files. Source of truth: Debian 12's
 * packages, read with {@code readelf --dyn-syms -r} on this machine (the counts below are
 * readelf's), and programs compiled here by Debian's cross compiler and run under QEMU.
 */
class CpuDispatchTest {
    /** Every dynamic file's dispatch evidence, read as the scanner reads it, front kept whatever its level. */
    static String dispatchOf(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        try (ScanBuffers buffers = new ScanBuffers()) {
            DynamicReader reader = DynamicReader.of(java.util.Arrays.copyOf(bytes, Math.min(bytes.length, ElfScanner.FRONT)), bytes.length, buffers);
            assertThat(reader).as("%s has a dynamic section", file).isNotNull();
            reader.feed(0, bytes, 0, bytes.length);
            return reader.dispatch();
        }
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource(delimiter = '|', value = {
        // libgcrypt's ARMv8 crypto code is chosen from HWCAP (hwf-arm.c); its Tag_CPU_arch says v8
        "armhf|libgcrypt20|usr/lib/arm-linux-gnueabihf/libgcrypt.so.20.4.1|imports getauxval",
        "arm64|libgcrypt20|usr/lib/aarch64-linux-gnu/libgcrypt.so.20.4.1|imports getauxval",
        "s390x|libgcrypt20|usr/lib/s390x-linux-gnu/libgcrypt.so.20.4.1|imports getauxval",
        // OpenSSL's armcap.c, ppccap.c, s390xcap.c
        "armhf|libssl3|usr/lib/arm-linux-gnueabihf/libcrypto.so.3|imports getauxval",
        "arm64|libssl3|usr/lib/aarch64-linux-gnu/libcrypto.so.3|imports __getauxval, imports getauxval",
        "ppc64el|libssl3|usr/lib/powerpc64le-linux-gnu/libcrypto.so.3|imports getauxval",
        "arm64|libjemalloc2|usr/lib/aarch64-linux-gnu/libjemalloc.so.2|imports __getauxval",
        // glibc's string functions: readelf counts 2 IFUNC symbols and 2 R_ARM_IRELATIVE in armhf's, 58 and 40 in amd64's
        "armhf|libc6|lib/arm-linux-gnueabihf/libc.so.6|2 IFUNC symbols, 2 IRELATIVE relocations",
        "amd64|libc6|lib/x86_64-linux-gnu/libc.so.6|58 IFUNC symbols, 40 IRELATIVE relocations",
        "arm64|libc6|lib/aarch64-linux-gnu/libc.so.6|7 IFUNC symbols, 2 IRELATIVE relocations",
        "ppc64el|libc6|lib/powerpc64le-linux-gnu/libc.so.6|39 IFUNC symbols, 22 IRELATIVE relocations",
        "s390x|libc6|lib/s390x-linux-gnu/libc.so.6|47 IFUNC symbols, 30 IRELATIVE relocations",
    })
    void readsTheDispatchThatReadelfShowsInDebiansLibraries(String arch, String pkg, String path, String evidence) throws Exception {
        assertThat(dispatchOf(ElfSamples.debian(arch, pkg, path))).isEqualTo(evidence);
    }

    @ParameterizedTest(name = "{1} {0}")
    @CsvSource(delimiter = '|', value = {
        // cpuid only (libgcrypt's hwf-x86.c executes it, and imports nothing for it): not evidence
        "amd64|libgcrypt20|usr/lib/x86_64-linux-gnu/libgcrypt.so.20.4.1",
        "armhf|libjemalloc2|usr/lib/arm-linux-gnueabihf/libjemalloc.so.2",
        "armhf|hello|usr/bin/hello",
    })
    void findsNoneInFilesThatChooseNothingByHwcap(String arch, String pkg, String path) throws Exception {
        assertThat(dispatchOf(ElfSamples.debian(arch, pkg, path))).isNull();
    }

    @Test
    void theScannerKeepsTheEvidenceOfA32BitArmLibraryWithItsLevel() throws Exception {
        ElfInfo gcrypt = ElfScanner.scan(ElfSamples.debian("armhf", "libgcrypt20", "usr/lib/arm-linux-gnueabihf/libgcrypt.so.20.4.1"));
        assertThat(gcrypt.armCpuArch()).isEqualTo(14); // readelf -A: Tag_CPU_arch: v8
        assertThat(gcrypt.cpu().dispatch()).isEqualTo("imports getauxval");
        ElfInfo jemalloc = ElfScanner.scan(ElfSamples.debian("armhf", "libjemalloc2", "usr/lib/arm-linux-gnueabihf/libjemalloc.so.2"));
        assertThat(jemalloc.armCpuArch()).isEqualTo(10);
        assertThat(jemalloc.cpu().dispatch()).isNull();
        // A library that picks its CRC32 code from HWCAP2 (test-fixtures/src/c/armv8-dispatch.c), built for ARMv8
        ElfInfo crc = ElfScanner.scan(ElfSamples.armhfGcc("armv8-dispatch.c", "libarmv8crc.so.1", "-O2", "-march=armv8-a+crc",
                "-mfpu=neon-fp-armv8", "-shared", "-fPIC", "-Wl,-soname,libarmv8crc.so.1"));
        assertThat(crc.armCpuArch()).isEqualTo(14);
        assertThat(crc.cpu().dispatch()).isEqualTo("imports getauxval");
    }

    @Test
    void theScannerReadsNoTablesOfFilesWhoseLevelCannotBeAboveAVariant() throws Exception {
        // Only ARM attributes and AArch64 code can be excused by dispatch (x86 ISA notes are enforced by glibc's loader).
        assertThat(ElfScanner.scan(ElfSamples.debian("amd64", "libc6", "lib/x86_64-linux-gnu/libc.so.6")).cpu().dispatch()).isNull();
        assertThat(ElfScanner.scan(ElfSamples.debian("ppc64el", "libssl3", "usr/lib/powerpc64le-linux-gnu/libcrypto.so.3")).cpu().dispatch())
                .isNull();
        // AArch64 code is read for inline LSE atomics (Arm64Code), which its own CPU check excuses; libcrypto has none.
        assertThat(ElfScanner.scan(ElfSamples.debian("arm64", "libssl3", "usr/lib/aarch64-linux-gnu/libcrypto.so.3")).cpu().dispatch())
                .isNull();
        ElfInfo lse = ElfScanner.scan(ElfSamples.crossGcc("aarch64-linux-gnu", "lse-dispatch.c", "liblse-dispatch.so", "-O2",
                "-march=armv8.1-a", "-mno-outline-atomics", "-shared", "-fPIC"));
        assertThat(lse.hardware().inlineAtomics()).isNotNull();
        assertThat(lse.cpu().dispatch()).isEqualTo("imports getauxval");
    }

    /**
     * gcc links .ARM.attributes before .symtab and .strtab: in a static, unstripped armhf program
     * glibc's symbols put it 90 KB before the end, outside the scanner's 64 KiB tail, and its v8
     * level went unread (the program passed the audit on an arm/v7 platform).
     */
    @Test
    void readsTheArmLevelOfAnUnstrippedProgramWhoseAttributesLieFarFromTheEnd() throws Exception {
        Path program = ElfSamples.armhfGcc("armv8-main.c", "armv8-main-static", "-O2", "-march=armv8-a", "-mfpu=neon-fp-armv8", "-static");
        long size = Files.size(program);
        assertThat(size).isGreaterThan(ElfScanner.FRONT + ElfScanner.TAIL);
        ElfInfo elf = ElfScanner.scan(program);
        assertThat(elf.armCpuArch()).isEqualTo(14);
        assertThat(elf.cpu().dispatch()).isNull(); // static: its IRELATIVE relocations are glibc's own
        // Read in small pieces, the candidate is found across chunk boundaries the same way.
        byte[] bytes = Files.readAllBytes(program);
        assertThat(ElfScanner.scan(new ByteArrayInputStream(bytes), bytes.length).armCpuArch()).isEqualTo(14);
    }
}
