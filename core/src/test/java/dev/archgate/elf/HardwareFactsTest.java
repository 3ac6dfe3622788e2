package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Page sizes, jemalloc's page size, inline LSE atomics and loader floors read from real files.
 * Sources of truth: Debian 12's packages (readelf -lW and aarch64-linux-gnu-objdump -d read on this
 * machine), programs built here by Debian's cross compilers and run under qemu-aarch64-static 7.2,
 * and glibc's sysdeps/s390/s390-64/dl-hwcap-check.h for the loader's message.
 */
class HardwareFactsTest {

    @Test
    void debiansArm64JemallocIsBuiltFor64KiBPagesAndLoadsUnderThem() throws Exception {
        // readelf: LOAD 0x000000/0x0 and 0x08a6e8/0x09a6e8, align 0x10000; objdump: sysconf(30), then
        // "cmp x0, #0x10, lsl #12" before the branch to "<jemalloc>: Unsupported system page size".
        HardwareFacts h = ElfScanner.scan(ElfSamples.debian("arm64", "libjemalloc2", "usr/lib/aarch64-linux-gnu/libjemalloc.so.2")).hardware();
        assertThat(h.pageLimit()).isEqualTo(65536);
        assertThat(h.jemallocPage()).isEqualTo(65536);
        assertThat(h.inlineAtomics()).isNull();
    }

    @Test
    void amd64FilesAreReadForTheirPageLimitOnly() throws Exception {
        // readelf: the RW segment of amd64's libjemalloc.so.2 lies at 0x0c6520 in the file and 0xc7520 in memory.
        HardwareFacts h = ElfScanner.scan(ElfSamples.debian("amd64", "libjemalloc2", "usr/lib/x86_64-linux-gnu/libjemalloc.so.2")).hardware();
        assertThat(h).isEqualTo(new HardwareFacts(4096, null, null, null, null));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', value = {
        "aarch64-linux-gnu|''|65536",
        "aarch64-linux-gnu|-Wl,-z,max-page-size=4096|4096",
        "powerpc64le-linux-gnu|''|65536",
        "powerpc64le-linux-gnu|-Wl,-z,max-page-size=4096|4096"})
    void theLinkersMaxPageSizeIsTheLargestPageTheFileLoadsUnder(String triplet, String flag, long expected) throws Exception {
        String name = "atomics-" + triplet + (flag.isEmpty() ? "" : "-" + flag.replaceAll("[^0-9]", ""));
        Path file = flag.isEmpty() ? ElfSamples.crossGcc(triplet, "atomics.c", name, "-O2", "-static")
                : ElfSamples.crossGcc(triplet, "atomics.c", name, "-O2", "-static", flag);
        assertThat(ElfScanner.scan(file).hardware().pageLimit()).isEqualTo(expected);
    }

    @Test
    void inlineLseAtomicsAreFoundAndOutlineHelpersAreNot() throws Exception {
        // Under qemu-aarch64-static -cpu cortex-a53 the inline build dies of SIGILL (exit 132), the default build prints "counter 6".
        Path inline = ElfSamples.crossGcc("aarch64-linux-gnu", "atomics.c", "atomics-lse-inline", "-O2", "-static", "-march=armv8.1-a",
                "-mno-outline-atomics");
        Path outline = ElfSamples.crossGcc("aarch64-linux-gnu", "atomics.c", "atomics-lse-outline", "-O2", "-static");
        assertThat(ElfScanner.scan(inline).hardware().inlineAtomics()).startsWith("1 LSE atomic instruction (ARMv8.1) outside any CPU check, "
                + "the first a LDADD at file offset 0x");
        // libgcc's __aarch64_ldadd8_acq_rel: adrp x16; ldrb w16; cbz w16, 1f; ldaddal x0, x0, [x1]
        assertThat(ElfScanner.scan(outline).hardware().inlineAtomics()).isNull();
    }

    @Test
    void theCodeReadsTheSameWhateverTheChunksItStreamsIn() throws Exception {
        byte[] inline = java.nio.file.Files.readAllBytes(ElfSamples.crossGcc("aarch64-linux-gnu", "atomics.c", "atomics-lse-inline", "-O2",
                "-static", "-march=armv8.1-a", "-mno-outline-atomics"));
        LoadLayout layout = LoadLayout.of(java.util.Arrays.copyOf(inline, ElfScanner.FRONT));
        Window window = new Window(java.util.Arrays.copyOf(inline, ElfScanner.FRONT),
                java.util.Arrays.copyOfRange(inline, inline.length - ElfScanner.TAIL, inline.length), inline.length - ElfScanner.TAIL, inline.length);
        String whole = null;
        for (int chunk : new int[] {inline.length, 65536, 4097, 7, 3, 1}) {
            Arm64Code code = new Arm64Code(layout.executableRanges());
            for (int at = 0; at < inline.length; at += chunk) {
                code.feed(at, inline, at, Math.min(chunk, inline.length - at));
            }
            String found = code.inlineAtomics(window);
            if (whole == null) {
                whole = found;
            }
            assertThat(found).as("chunks of %d bytes", chunk).isNotNull().isEqualTo(whole);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        // glibc, OpenSSL and libgcrypt, built for ARMv8.0 with outline atomics; libgcrypt's and OpenSSL's
        // assembly keep S-boxes in .text (a word of libgcrypt's decodes as LDADDAL at 0x5cfac)
        "libc6, lib/aarch64-linux-gnu/libc.so.6",
        "libc6, lib/ld-linux-aarch64.so.1",
        "libssl3, usr/lib/aarch64-linux-gnu/libcrypto.so.3",
        "libgcrypt20, usr/lib/aarch64-linux-gnu/libgcrypt.so.20.4.1"})
    void debiansArm64LibrariesHaveNoInlineAtomics(String pkg, String path) throws Exception {
        HardwareFacts h = ElfScanner.scan(ElfSamples.debian("arm64", pkg, path)).hardware();
        assertThat(h.inlineAtomics()).isNull();
        assertThat(h.loaderFloor()).isNull();
        assertThat(h.pageLimit()).isEqualTo(65536);
    }

    @Test
    void debiansLoadersEnforceNoFloor() throws Exception {
        assertThat(ElfScanner.scan(ElfSamples.debian("s390x", "libc6", "lib/s390x-linux-gnu/libc.so.6")).hardware().loaderFloor()).isNull();
        assertThat(ElfScanner.scan(ElfSamples.debian("ppc64el", "libc6", "lib/powerpc64le-linux-gnu/libc.so.6")).hardware().loaderFloor())
                .isNull();
    }

    @Test
    void aLoaderFloorIsReadFromGlibcsOwnMessageEvenAcrossChunks() {
        // The text dl_hwcap_check prints in a glibc built with -march=z14 (sysdeps/s390/s390-64/dl-hwcap-check.h).
        byte[] text = "\0Fatal glibc error: CPU lacks VXE support (z14 or later required)\n\0".getBytes(StandardCharsets.ISO_8859_1);
        for (int split = 1; split < text.length; split++) {
            TextMarkers m = new TextMarkers(true);
            m.feed(text, 0, split);
            m.feed(text, split, text.length - split);
            assertThat(m.floor()).as("split at %d", split).isEqualTo("z14");
        }
        TextMarkers x86 = new TextMarkers(true);
        byte[] v2 = "Fatal glibc error: CPU does not support x86-64-v%d\n".getBytes(StandardCharsets.ISO_8859_1);
        x86.feed(v2, 0, v2.length);
        assertThat(x86.floor()).isEqualTo("x86-64-v2");
    }
}
