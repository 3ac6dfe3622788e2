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
import dev.archgate.platform.Platform;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Programs of a newer Debian on an older one's libraries. Sources of truth: Debian 13 (trixie)
 * amd64 packages built against glibc 2.41 and GCC 14 (their .gnu.version_r, as readelf -V shows
 * it: hello needs GLIBC_2.38, ninja-build GLIBCXX_3.4.32), Debian 12 (bookworm) libc6 2.36 and
 * libstdc++6 of GCC 12, which define up to GLIBC_2.36 and GLIBCXX_3.4.30, and glibc's loader,
 * which refuses such a program (elf/dl-version.c; the fixture broken-glibc-version shows the
 * message under QEMU).
 */
class SymbolVersionsTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final String LIB = "lib/x86_64-linux-gnu/";

    private static byte[] bookworm(String pkg, String path) throws Exception {
        return Files.readAllBytes(ElfSamples.debian("amd64", pkg, path).toRealPath());
    }

    private static byte[] trixie(String pkg, String path) throws Exception {
        return Files.readAllBytes(ElfSamples.debian("trixie", "amd64", pkg, path).toRealPath());
    }

    private static ImageFiles bookwormBase() throws Exception {
        return new ImageFiles().file("lib64/ld-linux-x86-64.so.2", 0755, bookworm("libc6", "lib64/ld-linux-x86-64.so.2"))
                .file(LIB + "libc.so.6", 0755, bookworm("libc6", LIB + "libc.so.6"));
    }

    private static List<Finding> audit(MergedFilesystem fs, String... entrypoint) {
        ImageConfig config = new ImageConfig("linux", "amd64", "", List.of(entrypoint), List.of(), "", "",
                List.of("PATH=/usr/local/bin:/usr/bin:/bin"));
        return SymbolVersions.check(AMD64, config, fs, PathGlobs.none(), ProgramChain.resolve(fs, config.argv(), config.workingDir(), config.path()));
    }

    @Test
    void aBookwormProgramOnItsOwnGlibcIsClean() throws Exception {
        MergedFilesystem fs = bookwormBase().file("usr/bin/hello", 0755, bookworm("hello", "usr/bin/hello")).merged();
        assertThat(audit(fs, "/usr/bin/hello")).isEmpty();
    }

    @Test
    void aTrixieProgramOnBookwormsGlibcNamesTheVersionItNeedsAndTheNewestThere() throws Exception {
        MergedFilesystem fs = bookwormBase().file("usr/local/bin/hello", 0755, trixie("hello", "usr/bin/hello")).merged();
        List<Finding> findings = audit(fs, "/usr/local/bin/hello");
        assertThat(findings).hasSize(1);
        Finding f = findings.get(0);
        assertThat(f.check()).isEqualTo(Check.ELF_SYMBOL_VERSION);
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.path()).isEqualTo("/usr/local/bin/hello");
        assertThat(f.message()).startsWith("/usr/local/bin/hello needs GLIBC_2.38 from libc.so.6; this image's libc.so.6 provides up to "
                + "GLIBC_2.36");
    }

    @Test
    void aProgramOffTheEntrypointIsJudgedTooWhenItHasAnExecBit() throws Exception {
        MergedFilesystem fs = bookwormBase().file("usr/bin/hello", 0755, bookworm("hello", "usr/bin/hello"))
                .file("usr/local/bin/hello-new", 0755, trixie("hello", "usr/bin/hello")).merged();
        assertThat(audit(fs, "/usr/bin/hello")).extracting(Finding::path).containsExactly("/usr/local/bin/hello-new");
    }

    @Test
    void aTrixieCxxProgramOnBookwormsLibstdcxxNamesGlibcxx() throws Exception {
        MergedFilesystem fs = bookwormBase()
                .file("usr/lib/x86_64-linux-gnu/libstdc++.so.6", 0644, bookworm("libstdc++6", "usr/lib/x86_64-linux-gnu/libstdc++.so.6"))
                .file(LIB + "libgcc_s.so.1", 0644, bookworm("libgcc-s1", LIB + "libgcc_s.so.1"))
                .file(LIB + "libm.so.6", 0644, bookworm("libc6", LIB + "libm.so.6"))
                .file("usr/bin/ninja", 0755, trixie("ninja-build", "usr/bin/ninja")).merged();
        List<String> messages = audit(fs, "/usr/bin/ninja").stream().map(Finding::message).toList();
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("/usr/bin/ninja needs GLIBCXX_3.4.32 from libstdc++.so.6; this "
                + "image's libstdc++.so.6 provides up to GLIBCXX_3.4.30"));
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("/usr/bin/ninja needs GLIBC_2.38 from libc.so.6"));
    }

    @Test
    void aLoaderOfAnotherGlibcBuildThanLibcIsAMismatch() throws Exception {
        MergedFilesystem fs = new ImageFiles().file("lib64/ld-linux-x86-64.so.2", 0755, trixie("libc6", "usr/lib64/ld-linux-x86-64.so.2"))
                .file(LIB + "libc.so.6", 0755, bookworm("libc6", LIB + "libc.so.6"))
                .file("usr/bin/hello", 0755, bookworm("hello", "usr/bin/hello")).merged();
        List<Finding> findings = audit(fs, "/usr/bin/hello");
        Finding f = findings.stream().filter(x -> x.check() == Check.ELF_LIBC_MISMATCH).findFirst().orElseThrow();
        assertThat(f.severity()).isEqualTo(Severity.ERROR);
        assertThat(f.message()).contains("/lib64/ld-linux-x86-64.so.2").contains("glibc (Debian GLIBC 2.41-")
                .contains("but /lib/x86_64-linux-gnu/libc.so.6 is glibc (Debian GLIBC 2.36-");
    }
}
