package dev.archgate.platform;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names an architecture goes by in file paths, as packagers spell them: Go and Debian
 * ({@code amd64}, {@code arm64}, {@code armhf}), the kernel and GNU ({@code x86_64},
 * {@code aarch64}, {@code armv7l}), Node.js ({@code x64}, {@code arm}), JNA ({@code x86-64}),
 * and GNU triplets ({@code aarch64-linux-gnu}, {@code arm-linux-gnueabihf}). Architectures are
 * named by Go's GOARCH, as platforms are.
 */
public final class ArchitectureNames {
    private static final Map<String, List<String>> TOKENS = Map.of(
            "amd64", List.of("x86_64", "x86-64", "amd64", "x64"),
            "arm64", List.of("aarch64", "arm64"),
            "arm", List.of("armhf", "armel", "armv7l", "armv7a", "armv7", "armv6l", "armv6", "armv5te", "armv5", "arm32", "armeabi-v7a",
                    "armeabi", "arm"),
            "386", List.of("i386", "i486", "i586", "i686", "ia32", "x86", "386"),
            "s390x", List.of("s390x"),
            "ppc64le", List.of("ppc64le", "ppc64el", "powerpc64le"),
            "ppc64", List.of("ppc64", "powerpc64"),
            "riscv64", List.of("riscv64", "rv64"),
            "mips64le", List.of("mips64el", "mips64le"),
            "loong64", List.of("loongarch64", "loong64"));
    private static final Map<String, List<String>> TRIPLETS = Map.of(
            "amd64", List.of("x86_64-linux-gnu"),
            "arm64", List.of("aarch64-linux-gnu"),
            "arm", List.of("arm-linux-gnueabihf", "arm-linux-gnueabi"),
            "386", List.of("i386-linux-gnu"),
            "s390x", List.of("s390x-linux-gnu"),
            "ppc64le", List.of("powerpc64le-linux-gnu"),
            "ppc64", List.of("powerpc64-linux-gnu"),
            "riscv64", List.of("riscv64-linux-gnu"),
            "mips64le", List.of("mips64el-linux-gnuabi64"),
            "loong64", List.of("loongarch64-linux-gnu"));
    /** cpu[-vendor]-linux-abi, as GNU spells a target: aarch64-linux-gnu, x86_64-pc-linux-gnu, arm-linux-gnueabihf. */
    private static final Pattern TRIPLET = Pattern.compile("([a-z0-9_]+)-(?:[a-z0-9_]+-)?linux-(?:gnu|musl|uclibc)[a-z0-9_]*");

    private ArchitectureNames() {}

    /** The architecture (GOARCH) of the platform, as this class names them. */
    public static String of(Platform platform) {
        return platform.architecture();
    }

    /** The architecture one word names ("aarch64", "x86_64", Debian's "arm64", "armv7l"), or empty when it names none. */
    public static Optional<String> ofWord(String word) {
        return TOKENS.entrySet().stream().filter(e -> e.getValue().contains(word)).map(Map.Entry::getKey).findFirst();
    }

    /** The GNU triplets of an architecture's Linux system: its multiarch directory names. */
    public static List<String> triplets(String arch) {
        return TRIPLETS.getOrDefault(arch, List.of());
    }

    /** The architecture a GNU triplet names ("aarch64-linux-gnu" is arm64), or empty when the name is no triplet. */
    public static Optional<String> ofTriplet(String name) {
        Matcher m = TRIPLET.matcher(name);
        if (!m.matches()) {
            return Optional.empty();
        }
        String cpu = m.group(1);
        return TOKENS.entrySet().stream().filter(e -> e.getValue().contains(cpu) || cpu.equals("powerpc64le") && e.getKey().equals("ppc64le"))
                .map(Map.Entry::getKey).findFirst();
    }

    /**
     * The paths that {@code path} would have for architecture {@code to} if it names architecture
     * {@code from}: each spelling of {@code from} that stands as a word of the path (between
     * separators such as {@code / - _ .}) swapped for each spelling of {@code to}, all at once and
     * one at a time. {@code prebuilds/linux-x64/a.node} gives {@code prebuilds/linux-arm64/a.node}
     * among others; a path that names no architecture gives nothing.
     */
    public static List<String> counterparts(String path, String from, String to) {
        List<int[]> words = new ArrayList<>();
        List<String> spellings = spellings(from);
        spellings.sort(Comparator.comparingInt(String::length).reversed());
        for (int i = 0; i < path.length(); ) {
            int matched = 0;
            if (i == 0 || !Character.isLetterOrDigit(path.charAt(i - 1))) {
                for (String s : spellings) {
                    int end = i + s.length();
                    if (path.startsWith(s, i) && (end == path.length() || !Character.isLetterOrDigit(path.charAt(end)))) {
                        matched = s.length();
                        break;
                    }
                }
            }
            if (matched > 0) {
                words.add(new int[] {i, i + matched});
                i += matched;
            } else {
                i++;
            }
        }
        List<String> out = new ArrayList<>();
        if (words.isEmpty()) {
            return out;
        }
        for (String replacement : spellings(to)) {
            out.add(replace(path, words, replacement));
            if (words.size() > 1) {
                for (int[] w : words) {
                    out.add(replace(path, List.of(w), replacement));
                }
            }
        }
        return out;
    }

    /** Every spelling of an architecture: its words and its GNU triplets. */
    public static List<String> spellings(String arch) {
        List<String> out = new ArrayList<>(TOKENS.getOrDefault(arch, List.of()));
        out.addAll(triplets(arch));
        return out;
    }

    private static String replace(String path, List<int[]> words, String replacement) {
        StringBuilder b = new StringBuilder();
        int at = 0;
        for (int[] w : words) {
            b.append(path, at, w[0]).append(replacement);
            at = w[1];
        }
        return b.append(path.substring(at)).toString();
    }
}
