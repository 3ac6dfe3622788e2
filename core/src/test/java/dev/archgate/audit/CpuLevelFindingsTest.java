package dev.archgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.elf.ElfSamples;
import dev.archgate.findings.Finding;
import dev.archgate.findings.Severity;
import dev.archgate.image.fs.ImageFiles;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A CPU-level finding is an error only where the entrypoint's program chain runs or loads the file
 * and the file shows no run-time CPU dispatch. Sources of truth: Debian 12's armhf glibc, hello and
 * libgcrypt20 (Tag_CPU_arch v8, yet `gpgv --version` runs under QEMU's cortex-a8), and programs and
 * libraries of test-fixtures/src/c compiled here by arm-linux-gnueabihf-gcc, whose behaviour under
 * QEMU's cortex-a8 the fixtures broken-armv8-main, broken-armv8-library and good-armv8-dispatch show.
 */
class CpuLevelFindingsTest {
    private static final Platform ARM_V7 = Platform.parse("linux/arm/v7");
    private static final String LIB = "usr/lib/arm-linux-gnueabihf/";
    private static byte[] libc;
    private static byte[] loader;
    private static byte[] hello;
    private static byte[] gcrypt;
    private static byte[] v8Program;
    private static byte[] dispatchingLibrary;
    private static byte[] plainLibrary;
    private static byte[] v7Program;

    @BeforeAll
    static void compile() throws Exception {
        libc = Files.readAllBytes(ElfSamples.debian("armhf", "libc6", "lib/arm-linux-gnueabihf/libc.so.6"));
        loader = Files.readAllBytes(ElfSamples.debian("armhf", "libc6", "lib/arm-linux-gnueabihf/ld-linux-armhf.so.3"));
        hello = Files.readAllBytes(ElfSamples.debian("armhf", "hello", "usr/bin/hello"));
        gcrypt = Files.readAllBytes(ElfSamples.debian("armhf", "libgcrypt20", LIB + "libgcrypt.so.20.4.1"));
        v8Program = Files.readAllBytes(ElfSamples.armhfGcc("armv8-main.c", "armv8-main-static", "-O2", "-march=armv8-a",
                "-mfpu=neon-fp-armv8", "-static"));
        dispatchingLibrary = Files.readAllBytes(ElfSamples.armhfGcc("armv8-dispatch.c", "libarmv8crc.so.1", "-O2", "-march=armv8-a+crc",
                "-mfpu=neon-fp-armv8", "-shared", "-fPIC", "-Wl,-soname,libarmv8crc.so.1"));
        plainLibrary = Files.readAllBytes(ElfSamples.armhfGcc("armv8-nodispatch.c", "nodispatch/libarmv8crc.so.1", "-O2",
                "-march=armv8-a+crc", "-mfpu=neon-fp-armv8", "-shared", "-fPIC", "-Wl,-soname,libarmv8crc.so.1"));
        Path program = ElfSamples.armhfGcc("armv8-dispatch-main.c", "armv8-dispatch-main", "-O2", "-Lcore/target/elf-samples",
                "-l:libarmv8crc.so.1");
        v7Program = Files.readAllBytes(program);
    }

    private static ImageFiles debianBase() {
        return new ImageFiles().file("lib/ld-linux-armhf.so.3", 0755, loader).file("lib/arm-linux-gnueabihf/libc.so.6", 0755, libc)
                .file("usr/bin/hello", 0755, hello).file(LIB + "libgcrypt.so.20.4.1", 0644, gcrypt)
                .symlink(LIB + "libgcrypt.so.20", "libgcrypt.so.20.4.1");
    }

    private static List<Finding> audit(MergedFilesystem fs, String... entrypoint) {
        ImageConfig config = new ImageConfig("linux", "arm", "v7", List.of(entrypoint), List.of(), "", "", List.of("PATH=/usr/bin:/bin"));
        return ElfChecks.check(ARM_V7, config, fs, PathGlobs.none(),
                ProgramChain.resolve(fs, config.argv(), config.workingDir(), config.path()));
    }

    private static Finding only(List<Finding> findings, String path) {
        List<Finding> of = findings.stream().filter(f -> path.equals(f.path())).toList();
        assertThat(of).as("findings on %s among %s", path, findings).hasSize(1);
        return of.get(0);
    }

    @Test
    void libgcryptOffTheChainIsANoteWhoseReasonNamesTheChain() {
        Finding f = only(audit(debianBase().merged(), "/usr/bin/hello"), "/" + LIB + "libgcrypt.so.20.4.1");
        assertThat(f.severity()).isEqualTo(Severity.INFO);
        assertThat(f.message()).contains("Tag_CPU_arch 14").contains("neither runs nor loads it").contains("/usr/bin/hello");
    }

    @Test
    void aV8ProgramTheEntrypointRunsIsAnErrorAndTheSameFileOffTheChainANote() {
        MergedFilesystem fs = debianBase().file("app", 0755, v8Program).file("opt/tool", 0755, v8Program).merged();
        List<Finding> findings = audit(fs, "/app");
        assertThat(only(findings, "/app").severity()).isEqualTo(Severity.ERROR);
        assertThat(only(findings, "/app").message()).contains("runs it").contains("no run-time CPU dispatch");
        assertThat(only(findings, "/opt/tool").severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void aV8LibraryTheEntrypointLoadsIsAnErrorUnlessItDispatchesOnHwcap() {
        MergedFilesystem plain = debianBase().file("app", 0755, v7Program).file(LIB + "libarmv8crc.so.1", 0644, plainLibrary).merged();
        Finding error = only(audit(plain, "/app"), "/" + LIB + "libarmv8crc.so.1");
        assertThat(error.severity()).isEqualTo(Severity.ERROR);
        assertThat(error.message()).contains("loads it (/app -> /" + LIB + "libarmv8crc.so.1)");

        MergedFilesystem dispatching = debianBase().file("app", 0755, v7Program).file(LIB + "libarmv8crc.so.1", 0644, dispatchingLibrary)
                .merged();
        Finding note = only(audit(dispatching, "/app"), "/" + LIB + "libarmv8crc.so.1");
        assertThat(note.severity()).isEqualTo(Severity.INFO);
        assertThat(note.message()).contains("chooses its code by CPU at run time (imports getauxval)");
    }

    @Test
    void whenTheChainCannotBeResolvedEveryLevelFindingWithoutDispatchIsAnError() {
        MergedFilesystem fs = debianBase().file("opt/tool", 0755, v8Program).merged();
        List<Finding> findings = audit(fs, "/missing");
        assertThat(only(findings, "/opt/tool").severity()).isEqualTo(Severity.ERROR);
        assertThat(only(findings, "/opt/tool").message()).contains("could not be resolved");
        assertThat(only(findings, "/" + LIB + "libgcrypt.so.20.4.1").severity()).isEqualTo(Severity.INFO); // it dispatches
    }
}
