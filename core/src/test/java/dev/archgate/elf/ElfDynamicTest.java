package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The dynamic section read while the file streams past, held against what binutils' readelf
 * says of the same real files: the host's own libraries and programs, Debian's programs of other
 * architectures, and objects gcc links here with RUNPATH, RPATH and PIE set on purpose.
 */
class ElfDynamicTest {
    private static final Pattern NEEDED = Pattern.compile("\\(NEEDED\\)\\s+Shared library: \\[(.*)]");
    private static final Pattern RUNPATH = Pattern.compile("\\(RUNPATH\\)\\s+Library runpath: \\[(.*)]");
    private static final Pattern SONAME = Pattern.compile("\\(SONAME\\)\\s+Library soname: \\[(.*)]");

    /** Host files whose dynamic string table lies far beyond the front window and whose dynamic section lies mid-file. */
    @ParameterizedTest
    @ValueSource(strings = {"/usr/bin/bash", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/usr/lib/x86_64-linux-gnu/libstdc++.so.6",
            "/usr/bin/gpg", "/usr/bin/dpkg"})
    void namesAndSearchPathsMatchReadelfOnRealFiles(String file) throws Exception {
        Path p = Path.of(file).toRealPath();
        ElfDynamic d = ElfScanner.scan(p).dynamic();
        String readelf = readelf(p);
        assertThat(d).as(file).isNotNull();
        assertThat(d.needed()).as(file).isEqualTo(all(NEEDED, readelf)).isNotEmpty();
        assertThat(d.runpath()).isEqualTo(first(RUNPATH, readelf));
        assertThat(d.soname()).isEqualTo(first(SONAME, readelf));
        assertThat(d.complete()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"arm64", "armhf", "s390x", "ppc64el"})
    void debianProgramsOfOtherArchitecturesAndByteOrdersNeedTheirLibc(String arch) throws Exception {
        Path hello = ElfSamples.debian(arch, "hello", "usr/bin/hello");
        ElfInfo info = ElfScanner.scan(hello);
        assertThat(info.dynamic().needed()).isEqualTo(all(NEEDED, readelf(hello))).contains("libc.so.6");
        assertThat(info.isProgram()).isTrue();
    }

    @Test
    void gccObjectsCarryTheirRunpathRpathAndPieFlag(@TempDir Path dir) throws Exception {
        Path c = dir.resolve("m.c");
        Files.writeString(c, "int f(void) { return 1; }\nint main(void) { return f(); }\n");
        Path runpath = gcc(dir, c, "runpath", "-Wl,--enable-new-dtags", "-Wl,-rpath,$ORIGIN/../lib:/opt/vendor/lib");
        Path rpath = gcc(dir, c, "rpath", "-Wl,--disable-new-dtags", "-Wl,-rpath,/opt/old");
        Path lib = gcc(dir, c, "lib.so", "-shared", "-fPIC", "-Wl,-soname,libm-test.so.3");
        Path staticPie = gcc(dir, c, "static-pie", "-static-pie");

        ElfDynamic r = ElfScanner.scan(runpath).dynamic();
        assertThat(r.runpath()).isEqualTo("$ORIGIN/../lib:/opt/vendor/lib");
        assertThat(r.searchPath()).isEqualTo(r.runpath());
        assertThat(ElfScanner.scan(rpath).dynamic().rpath()).isEqualTo("/opt/old");
        assertThat(ElfScanner.scan(rpath).dynamic().runpath()).isNull();

        ElfInfo l = ElfScanner.scan(lib);
        assertThat(l.dynamic().soname()).isEqualTo("libm-test.so.3");
        assertThat(l.isProgram()).as("a shared library is no program, whatever its mode").isFalse();
        ElfInfo sp = ElfScanner.scan(staticPie);
        assertThat(sp.interpreter()).isNull();
        assertThat(sp.dynamic().pie()).isTrue();
        assertThat(sp.isProgram()).as("static-pie: no loader, but DF_1_PIE").isTrue();
    }

    /** patchelf (as used to vendor libraries) moves the string table behind the dynamic section, past the front window. */
    @Test
    void filesRewrittenByPatchelfKeepTheirNames() throws Exception {
        Path patchelf = ElfSamples.debian("amd64", "patchelf", "usr/bin/patchelf");
        Path hello = ElfSamples.debian("arm64", "hello", "usr/bin/hello");
        Path dir = Files.createTempDirectory("patchelf-");
        Path patched = Files.copy(hello, dir.resolve("hello"));
        run(List.of(patchelf.toString(), "--set-rpath", "$ORIGIN/../lib/vendor", patched.toString()));
        run(List.of(patchelf.toString(), "--add-needed", "libvendor.so.1", patched.toString()));

        ElfDynamic d = ElfScanner.scan(patched).dynamic();
        String readelf = readelf(patched);
        assertThat(d.needed()).isEqualTo(all(NEEDED, readelf)).contains("libvendor.so.1", "libc.so.6");
        assertThat(d.runpath()).isEqualTo("$ORIGIN/../lib/vendor").isEqualTo(first(RUNPATH, readelf));
        assertThat(d.complete()).isTrue();
    }

    @Test
    void staticProgramsHaveNoDynamicSection() throws Exception {
        ElfInfo go = ElfScanner.scan(ElfSamples.go("arm64", null));
        assertThat(go.dynamic()).isNull();
        assertThat(go.isProgram()).isTrue();
    }

    @Test
    void aStringTableOutOfReachLeavesTheNamesUnknown() throws Exception {
        Path bash = Path.of("/usr/bin/bash").toRealPath();
        byte[] bytes = Files.readAllBytes(bash);
        ElfInfo whole = ElfScanner.scan(new ByteArrayInputStream(bytes), bytes.length);
        // DT_STRTAB moved to an address no segment maps: names cannot be read, and the result says so instead of inventing any.
        pointStringTableNowhere(bytes);
        ElfInfo lost = ElfScanner.scan(new ByteArrayInputStream(bytes), bytes.length);
        assertThat(whole.dynamic().complete()).isTrue();
        assertThat(lost.dynamic().complete()).isFalse();
        assertThat(lost.dynamic().needed()).isEmpty();
    }

    /** Sets DT_STRTAB of a 64-bit little-endian file to an address far above its segments (System V ABI's Elf64_Dyn). */
    private static void pointStringTableNowhere(byte[] bytes) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        long phoff = b.getLong(32);
        int phentsize = b.getShort(54);
        for (int i = 0; i < b.getShort(56); i++) {
            int ph = (int) phoff + i * phentsize;
            if (b.getInt(ph) == 2) { // PT_DYNAMIC
                for (int at = (int) b.getLong(ph + 8); b.getLong(at) != 0; at += 16) {
                    if (b.getLong(at) == 5) { // DT_STRTAB
                        b.putLong(at + 8, 0x7fff_0000_0000L);
                    }
                }
            }
        }
    }

    private static Path gcc(Path dir, Path source, String out, String... flags) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("gcc", "-o", dir.resolve(out).toString(), source.toString()));
        cmd.addAll(List.of(flags));
        run(cmd);
        return dir.resolve(out);
    }

    private static String readelf(Path file) throws IOException, InterruptedException {
        return run(List.of("readelf", "-dW", file.toString()));
    }

    private static String run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("%s: %s (gcc and binutils come with dev/setup-host)", cmd, out).isZero();
        return out;
    }

    private static List<String> all(Pattern p, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    private static String first(Pattern p, String text) {
        List<String> all = all(p, text);
        return all.isEmpty() ? null : all.get(0);
    }
}
