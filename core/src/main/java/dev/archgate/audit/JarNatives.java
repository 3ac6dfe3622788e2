package dev.archgate.audit;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.platform.ArchitectureNames;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * JNI libraries inside the image's jars, by entry name (the jar's directory, read as the layer
 * streams: {@link dev.archgate.image.fs.JarDirectory}). Libraries that unpack their native code from
 * the jar name it by OS and architecture, each in its own layout: netty's
 * {@code META-INF/native/libnetty_transport_native_epoll_aarch_64.so}, sqlite-jdbc's
 * {@code org/sqlite/native/Linux/aarch64/} and {@code Linux-Musl/}, rocksdbjni's
 * {@code librocksdbjni-linux-aarch64.so} and {@code -linux64-musl.so}, JNA's
 * {@code com/sun/jna/linux-aarch64/}, zstd-jni's {@code linux/aarch64/}. So an entry's platform is
 * read from the words of its name: an architecture (with the JNI spellings {@code aarch_64},
 * {@code x86_32}, {@code ppcle_64}, {@code s390_64} of os-maven-plugin, rocksdb's {@code linux64}
 * and {@code linux32}, and sqlite-jdbc's {@code ppc64}, which it uses for ppc64le), {@code musl},
 * and no other OS (Mac, Windows, FreeBSD, Android). Per jar:
 * <ul>
 * <li>error: every Linux native is for one other architecture: the jar is another platform's
 *     build (netty's {@code -linux-x86_64} classifier jar in an arm64 variant) and none of its
 *     native code loads here;</li>
 * <li>warning: natives for several other platforms and none for this one, or this architecture's
 *     only for the other C library: the library throws UnsatisfiedLinkError unless it falls back;</li>
 * <li>note: natives for other platforms beside this platform's, in the jar or in another jar of
 *     the image with the same entry for this architecture (netty's classifier jars side by side).</li>
 * </ul>
 */
final class JarNatives {
    private static final Map<String, List<String>> JNI_WORDS = Map.of(
            "amd64", List.of("linux64"),
            "arm64", List.of("aarch_64"),
            "arm", List.of("arm_32"),
            "386", List.of("x86_32", "linux32"),
            "ppc64le", List.of("ppcle_64", "ppc64"),
            "s390x", List.of("s390_64"),
            "riscv64", List.of("riscv_64"),
            "loong64", List.of("loongarch_64"));
    private static final Pattern OTHER_OS = word("mac|macos|macosx|osx|darwin|windows|win|win32|win64|freebsd|openbsd|netbsd|sunos|solaris"
            + "|aix|android|ios");
    private static final Pattern MUSL = word("musl");
    private static final Map<String, String> ARCH_OF_WORD = new LinkedHashMap<>();
    private static final Pattern ARCH;

    static {
        Set<String> words = new TreeSet<>(Comparator.comparingInt(String::length).reversed().thenComparing(Comparator.naturalOrder()));
        for (String arch : List.of("amd64", "arm64", "arm", "386", "ppc64le", "s390x", "riscv64", "loong64", "mips64le")) {
            for (String w : Stream.concat(ArchitectureNames.spellings(arch).stream(), JNI_WORDS.getOrDefault(arch, List.of()).stream()).toList()) {
                ARCH_OF_WORD.putIfAbsent(w.toLowerCase(), arch);
                words.add(Pattern.quote(w));
            }
        }
        ARCH = word(String.join("|", words));
    }

    private JarNatives() {}

    private static Pattern word(String alternatives) {
        return Pattern.compile("(?<![A-Za-z0-9])(" + alternatives + ")(?![A-Za-z0-9])", Pattern.CASE_INSENSITIVE);
    }

    /**
     * One Linux native of a jar: its architecture, its C library (musl when its name says so;
     * glibc when other names of its jar say musl, so that the rest are glibc's; else unknown),
     * and its name with the architecture's word cut out.
     */
    private record Native(String entry, String arch, CLibrary libc, String shape) {
        Native in(boolean jarHasMusl) {
            return libc == CLibrary.MUSL || !jarHasMusl ? this : new Native(entry, arch, CLibrary.GLIBC, shape);
        }
    }

    static List<Finding> check(RuntimeNatives natives, List<FileFacts> jars) {
        String own = ArchitectureNames.of(natives.platform());
        CLibrary variant = natives.variantLibrary();
        Map<FileFacts, List<Native>> all = new LinkedHashMap<>();
        Map<String, String> ownShapes = new LinkedHashMap<>(); // shape of this platform's natives -> the jar that has it
        List<Finding> out = new ArrayList<>();
        for (FileFacts jar : jars) {
            if (jar.jar().problem() != null) {
                out.add(Finding.error(Check.NATIVE_JNI, jar.path(), "its natives could not be read: " + jar.jar().problem()
                        + "; replace the jar, or name it in checks.ignore-paths if it carries no native code"));
                continue;
            }
            List<Native> parsed = jar.jar().sharedObjects().stream().map(JarNatives::parse).flatMap(Optional::stream).toList();
            boolean musl = parsed.stream().anyMatch(n -> n.libc() == CLibrary.MUSL);
            List<Native> list = parsed.stream().map(n -> n.in(musl)).toList();
            all.put(jar, list);
            list.stream().filter(n -> n.arch().equals(own) && variant.accepts(n.libc())).forEach(n -> ownShapes.putIfAbsent(n.shape(), jar.path()));
        }
        for (Map.Entry<FileFacts, List<Native>> e : all.entrySet()) {
            judge(natives, e.getKey().path(), e.getValue(), ownShapes).ifPresent(out::add);
        }
        return out;
    }

    private static Optional<Finding> judge(RuntimeNatives natives, String jar, List<Native> list, Map<String, String> ownShapes) {
        String own = ArchitectureNames.of(natives.platform());
        CLibrary variant = natives.variantLibrary();
        List<Native> foreign = list.stream().filter(n -> !n.arch().equals(own) || !variant.accepts(n.libc())).toList();
        if (foreign.isEmpty()) {
            return Optional.empty();
        }
        String platform = natives.platform().toString();
        Set<String> platforms = new LinkedHashSet<>();
        list.forEach(n -> platforms.add("linux/" + n.arch() + (n.libc() == CLibrary.MUSL ? " (musl)" : "")));
        String carries = "it carries JNI libraries for " + String.join(", ", platforms);
        Optional<Native> fitting = list.stream().filter(n -> !foreign.contains(n)).findFirst();
        if (fitting.isPresent()) {
            return Optional.of(Finding.info(Check.NATIVE_JNI, jar, platform + " loads " + fitting.get().entry() + " from it; " + carries));
        }
        Optional<String> elsewhere = foreign.stream().map(n -> ownShapes.get(n.shape())).filter(j -> j != null).findFirst();
        if (elsewhere.isPresent()) {
            return Optional.of(Finding.info(Check.NATIVE_JNI, jar, platform + " loads this library from " + elsewhere.get() + "; "
                    + carries));
        }
        if (list.stream().anyMatch(n -> n.arch().equals(own))) {
            return Optional.of(Finding.warning(Check.NATIVE_JNI, jar, "no JNI library for " + platform + " with " + variant.words()
                    + ": UnsatisfiedLinkError unless the library falls back; " + carries + "; use a release that ships one, or a base "
                    + "image of the other C library"));
        }
        Set<String> arches = new TreeSet<>();
        list.forEach(n -> arches.add(n.arch()));
        if (arches.size() == 1) {
            return Optional.of(Finding.error(Check.NATIVE_JNI, jar, "UnsatisfiedLinkError on " + platform + ": this jar is the linux/"
                    + arches.iterator().next() + " build of its library (" + foreign.get(0).entry() + (foreign.size() > 1 ? ", ..." : "")
                    + ", no other Linux native); depend on the " + platform + " build (its classifier) or on the multi-platform jar"));
        }
        return Optional.of(Finding.warning(Check.NATIVE_JNI, jar, "no JNI library for " + platform + ": UnsatisfiedLinkError unless "
                + "the library falls back; " + carries + "; use a release that ships " + platform));
    }

    /** The Linux native an entry name describes, or empty for another OS's library or a name that says no architecture. */
    private static Optional<Native> parse(String entry) {
        if (OTHER_OS.matcher(entry).find()) {
            return Optional.empty();
        }
        Matcher m = ARCH.matcher(entry);
        if (!m.find()) {
            return Optional.empty();
        }
        String arch = ARCH_OF_WORD.get(m.group(1).toLowerCase());
        String shape = entry.substring(0, m.start()) + "{arch}" + entry.substring(m.end());
        return Optional.of(new Native(entry, arch, MUSL.matcher(entry).find() ? CLibrary.MUSL : CLibrary.UNKNOWN, shape));
    }
}
