package dev.archgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.elf.ElfSamples;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.Severity;
import dev.archgate.image.fs.ImageFiles;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * elf.page-size and the elf.cpu-level findings read from code. Sources of truth: programs built here by
 * Debian's cross compilers (aarch64-linux-gnu-gcc, powerpc64le-linux-gnu-gcc; the inline-LSE one dies of
 * SIGILL under qemu-aarch64-static -cpu cortex-a53, the outline one prints "counter 6"), and Debian 12's
 * arm64 libjemalloc2 (built for 64 KiB pages: objdump shows "cmp x0, #0x10, lsl #12" after sysconf).
 */
class HardwareFindingsTest {
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Platform PPC64LE = Platform.parse("linux/ppc64le");
    private static byte[] arm4k;
    private static byte[] arm64k;
    private static byte[] ppc4k;
    private static byte[] lseInline;
    private static byte[] lseOutline;
    private static byte[] jemalloc;
    private static byte[] lseDispatch;

    @BeforeAll
    static void compile() throws Exception {
        arm4k = Files.readAllBytes(ElfSamples.crossGcc("aarch64-linux-gnu", "atomics.c", "atomics-aarch64-linux-gnu-4096", "-O2", "-static",
                "-Wl,-z,max-page-size=4096"));
        arm64k = Files.readAllBytes(ElfSamples.crossGcc("aarch64-linux-gnu", "atomics.c", "atomics-lse-outline", "-O2", "-static"));
        ppc4k = Files.readAllBytes(ElfSamples.crossGcc("powerpc64le-linux-gnu", "atomics.c", "atomics-powerpc64le-linux-gnu-4096", "-O2",
                "-static", "-Wl,-z,max-page-size=4096"));
        lseInline = Files.readAllBytes(ElfSamples.crossGcc("aarch64-linux-gnu", "atomics.c", "atomics-lse-inline", "-O2", "-static",
                "-march=armv8.1-a", "-mno-outline-atomics"));
        lseOutline = arm64k;
        lseDispatch = Files.readAllBytes(ElfSamples.crossGcc("aarch64-linux-gnu", "lse-dispatch.c", "liblse-dispatch.so", "-O2",
                "-march=armv8.1-a", "-mno-outline-atomics", "-shared", "-fPIC"));
        jemalloc = Files.readAllBytes(ElfSamples.debian("arm64", "libjemalloc2", "usr/lib/aarch64-linux-gnu/libjemalloc.so.2"));
    }

    private static List<Finding> pages(Platform p, MergedFilesystem fs, Long required) {
        return PageSizeChecks.check(p, fs, PathGlobs.none(), required);
    }

    private static List<Finding> levels(Platform p, MergedFilesystem fs, CpuBaseline baseline) {
        ImageConfig config = new ImageConfig("linux", p.architecture(), p.variant(), List.of("/app"), List.of(), "", "", List.of("PATH=/bin"));
        return ElfChecks.check(p, config, fs, PathGlobs.none(), ProgramChain.resolve(fs, config.argv(), config.workingDir(), config.path()),
                baseline);
    }

    @Test
    void aPpc64leProgramLinkedFor4KiBPagesIsAnError() {
        List<Finding> f = pages(PPC64LE, new ImageFiles().file("app", 0755, ppc4k).merged(), null);
        assertThat(f).singleElement().satisfies(x -> {
            assertThat(x.check()).isEqualTo(Check.ELF_PAGE_SIZE);
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("at most 4 KiB").contains("64 KiB pages").contains("-Wl,-z,max-page-size=65536");
        });
    }

    @Test
    void anArm64ProgramLinkedFor4KiBPagesIsAWarningNamingTheHostsUnlessThePolicyAsks() {
        MergedFilesystem fs = new ImageFiles().file("app", 0755, arm4k).file("ok", 0755, arm64k).merged();
        assertThat(pages(ARM64, fs, null)).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.WARNING);
            assertThat(x.path()).isEqualTo("/app");
            assertThat(x.message()).contains("Raspberry Pi 5").contains("NVIDIA Grace");
        });
        assertThat(pages(ARM64, fs, 16384L)).singleElement().satisfies(x -> assertThat(x.severity()).isEqualTo(Severity.ERROR));
        assertThat(pages(ARM64, fs, 4096L)).isEmpty();
        // amd64 kernels use 4 KiB pages: nothing to judge
        assertThat(pages(Platform.parse("linux/amd64"), fs, null)).isEmpty();
    }

    @Test
    void debiansArm64JemallocPassesUnder64KiBPages() {
        MergedFilesystem fs = new ImageFiles().file("usr/lib/aarch64-linux-gnu/libjemalloc.so.2", 0644, jemalloc).merged();
        assertThat(pages(ARM64, fs, 65536L)).isEmpty();
    }

    @Test
    void inlineLseOnTheChainIsAnErrorOnArmv8AndNothingOnAnLseFleet() {
        MergedFilesystem fs = new ImageFiles().file("app", 0755, lseInline).merged();
        assertThat(levels(ARM64, fs, CpuBaseline.of(ARM64))).singleElement().satisfies(x -> {
            assertThat(x.check()).isEqualTo(Check.ELF_CPU_LEVEL);
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("LDADD").contains("promises only ARMv8.0-A").contains("-march=armv8-a");
        });
        assertThat(levels(ARM64, fs, CpuBaseline.named(ARM64, "neoverse-n1").orElseThrow())).isEmpty();
        assertThat(levels(Platform.parse("linux/arm64/v8.1"), fs, CpuBaseline.of(Platform.parse("linux/arm64/v8.1")))).isEmpty();
    }

    @Test
    void inlineLseChosenFromHwcapIsANote() {
        MergedFilesystem fs = new ImageFiles().file("usr/lib/liblse.so", 0755, lseDispatch).merged();
        assertThat(levels(ARM64, fs, CpuBaseline.of(ARM64))).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.INFO);
            assertThat(x.message()).contains("LDADD").contains("chooses its code by CPU at run time (imports getauxval)");
        });
    }

    @Test
    void outlineAtomicsAreNoFinding() {
        assertThat(levels(ARM64, new ImageFiles().file("app", 0755, lseOutline).merged(), CpuBaseline.of(ARM64))).isEmpty();
    }
}
