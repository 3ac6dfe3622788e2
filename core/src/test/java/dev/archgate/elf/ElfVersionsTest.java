package dev.archgate.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The symbol versions the scanner reads while a file streams past, against what GNU binutils'
 * {@code readelf -V} reads from the same file with random access (the source of truth), for
 * Debian's glibc, libstdc++ and programs of five architectures of both byte orders and classes.
 */
class ElfVersionsTest {

    @ParameterizedTest(name = "{0} {1} {2}")
    @CsvSource({
        "amd64, libc6, lib/x86_64-linux-gnu/libc.so.6",
        "amd64, libc6, lib64/ld-linux-x86-64.so.2",
        "amd64, libstdc++6, usr/lib/x86_64-linux-gnu/libstdc++.so.6.0.30",
        "amd64, hello, usr/bin/hello",
        "arm64, libc6, lib/aarch64-linux-gnu/libc.so.6",
        "arm64, libstdc++6, usr/lib/aarch64-linux-gnu/libstdc++.so.6.0.30",
        "armhf, libc6, lib/arm-linux-gnueabihf/libc.so.6",
        "armhf, hello, usr/bin/hello",
        "s390x, libc6, lib/s390x-linux-gnu/libc.so.6",
        "s390x, libstdc++6, usr/lib/s390x-linux-gnu/libstdc++.so.6.0.30",
        "ppc64el, libc6, lib/powerpc64le-linux-gnu/libc.so.6",
        // Names of any spelling, read where the dynamic section points: libjansson defines "libjansson.so.4",
        // ssh needs "gssapi_krb5_2_MIT" (the shape-based collector of strings kept neither)
        "amd64, libjansson4, usr/lib/x86_64-linux-gnu/libjansson.so.4.14.0",
        "amd64, openssh-client, usr/bin/ssh",
    })
    void readsWhatReadelfReads(String arch, String pkg, String path) throws Exception {
        Path file = ElfSamples.debian(arch, pkg, path).toRealPath();
        byte[] bytes = Files.readAllBytes(file);
        ElfVersions read = ElfScanner.scan(new ByteArrayInputStream(bytes), bytes.length).versions();
        Readelf truth = readelf(file);

        assertThat(read.complete()).isTrue();
        Map<String, List<String>> needs = new LinkedHashMap<>();
        read.needs().forEach(n -> needs.put(n.file(), n.versions().stream().map(v -> v.name() + (v.weak() ? " weak" : "")).toList()));
        assertThat(needs).isEqualTo(truth.needs);
        assertThat(read.defines().stream().map(ElfVersions.Version::name).toList()).isEqualTo(truth.defines);
        read.needs().forEach(n -> n.versions().forEach(v -> assertThat(ElfVersions.elfHash(v.name())).isEqualTo(v.hash())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "amd64, lib/x86_64-linux-gnu/libc.so.6, GNU C Library ",
        "amd64, lib64/ld-linux-x86-64.so.2, ld.so ",
        "arm64, lib/aarch64-linux-gnu/libc.so.6, GNU C Library ",
        "arm64, lib/ld-linux-aarch64.so.1, ld.so ",
        "s390x, lib/s390x-linux-gnu/libc.so.6, GNU C Library ",
    })
    void glibcsLibcAndLoaderNameTheBuildThatMadeThem(String arch, String path, String prefix) throws Exception {
        Path file = ElfSamples.debian(arch, "libc6", path).toRealPath();
        byte[] bytes = Files.readAllBytes(file);
        String release = ElfScanner.scan(new ByteArrayInputStream(bytes), bytes.length).versions().release();
        // The text glibc prints for --version: "GNU C Library (Debian GLIBC 2.36-9+deb12u14) stable release version 2.36."
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix + " ")
                + "(\\([^)]*\\) [a-z]+ release version [0-9.]*[0-9])").matcher(new String(bytes, StandardCharsets.ISO_8859_1));
        assertThat(m.find()).isTrue();
        String expected = m.group(1);
        assertThat(release).isEqualTo(expected).startsWith("(Debian GLIBC 2.36-").contains("release version 2.36");
    }

    private record Readelf(Map<String, List<String>> needs, List<String> defines) {}

    /** Parses {@code readelf -V -W}: "File: X  Cnt: N" then "Name: V  Flags: F", and "Flags: F  Index: I  Cnt: C  Name: V". */
    private static Readelf readelf(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("readelf", "-V", "-W", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        Map<String, List<String>> needs = new LinkedHashMap<>();
        List<String> defines = new ArrayList<>();
        String section = "";
        List<String> current = null;
        for (String line : out.split("\n")) {
            if (line.startsWith("Version")) {
                section = line;
                continue;
            }
            if (section.contains(".gnu.version_d") && line.contains("Flags:") && line.contains("Name: ") && !line.contains("Flags: BASE")) {
                defines.add(line.substring(line.indexOf("Name: ") + 6).trim());
            } else if (section.contains(".gnu.version_r") && line.contains("File: ")) {
                current = new ArrayList<>();
                needs.put(line.substring(line.indexOf("File: ") + 6, line.indexOf("  Cnt:")).trim(), current);
            } else if (section.contains(".gnu.version_r") && line.contains("Name: ") && current != null) {
                String name = line.substring(line.indexOf("Name: ") + 6, line.indexOf("  Flags:")).trim();
                current.add(name + (line.contains("Flags: WEAK") ? " weak" : ""));
            }
        }
        return new Readelf(needs, defines);
    }
}
