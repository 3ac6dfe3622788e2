package dev.archgate.audit;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.PathNames;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Node add-ons ({@code *.node}) under {@code node_modules}, judged by the file the package's
 * loader picks on this platform. The rules are node-gyp-build's ({@code node-gyp-build.js}, the
 * loader prebuildify's packages use; {@code bindings} also tries {@code build/Release} first):
 * <ol>
 * <li>{@code build/Release/*.node}, then {@code build/Debug/*.node}, whatever else the package has;</li>
 * <li>else {@code prebuilds/<os>-<arch>[+<arch>...]/}, the directory naming {@code linux} and
 *     Node's name for the architecture ({@code x64}, {@code arm64}, {@code arm}, {@code ppc64},
 *     ...), one architecture preferred to several; in it the file whose tags fit (tags are the
 *     name's dot-separated words: {@code glibc}/{@code musl} against {@code musl} exactly when
 *     {@code /etc/alpine-release} exists, {@code armv7} against the platform's ARM version,
 *     {@code 8} on arm64), the most specific first. Node's ABI is not known from the image, so
 *     {@code abi}, {@code napi} and {@code uv} tags are not judged.</li>
 * </ol>
 * An error where that choice is a file of another architecture or C library; a warning where a
 * package with add-ons has none for this platform (node-gyp-build throws "No native build was
 * found"); a note for another platform's file beside a fitting choice.
 */
final class NodeAddons {
    private static final Pattern BUILD = Pattern.compile("(.*/node_modules/.+)/build/(Release|Debug)/[^/]+\\.node");
    private static final Pattern PREBUILD = Pattern.compile("(.*/node_modules/.+)/prebuilds/([^/]+)/([^/]+\\.node)");
    /** Node's process.arch for each architecture (GOARCH) archgate knows. */
    private static final Map<String, String> NODE_ARCH = Map.of("amd64", "x64", "arm64", "arm64", "arm", "arm", "386", "ia32",
            "s390x", "s390x", "ppc64le", "ppc64", "riscv64", "riscv64", "loong64", "loong64", "mips64le", "mips64el");

    private NodeAddons() {}

    static boolean concerns(FileFacts f) {
        return f.path().endsWith(".node") && f.path().contains("/node_modules/") && f.isElf();
    }

    static List<Finding> check(RuntimeNatives natives, MergedFilesystem fs, List<FileFacts> addons) {
        // Package directory -> its add-ons, so each package's choice is made once.
        Map<String, List<FileFacts>> byPackage = new TreeMap<>();
        for (FileFacts f : addons) {
            Matcher b = BUILD.matcher(f.path());
            Matcher p = PREBUILD.matcher(f.path());
            if (b.matches()) {
                byPackage.computeIfAbsent(b.group(1), k -> new ArrayList<>()).add(f);
            } else if (p.matches()) {
                byPackage.computeIfAbsent(p.group(1), k -> new ArrayList<>()).add(f);
            }
        }
        boolean alpine = fs.resolve("/etc/alpine-release").found();
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, List<FileFacts>> e : byPackage.entrySet()) {
            List<FileFacts> files = e.getValue();
            if (files.stream().allMatch(natives::fits)) {
                continue;
            }
            Choice choice = choose(natives.platform(), alpine, e.getKey(), files);
            for (FileFacts f : files) {
                natives.unfit(f).ifPresent(why -> out.add(judge(natives, e.getKey(), f, why, choice)));
            }
        }
        return out;
    }

    /** What the loader picks: the files it may pick (several when only Node's ABI would decide), or why there is none. */
    private record Choice(List<FileFacts> picked, String rule, Set<String> tuples) {}

    private static Choice choose(Platform platform, boolean alpine, String pkg, List<FileFacts> files) {
        for (String dir : List.of("Release", "Debug")) {
            List<FileFacts> build = files.stream().filter(f -> PathNames.parent(f.path()).equals(pkg + "/build/" + dir)).toList();
            if (!build.isEmpty()) {
                return new Choice(build, "build/" + dir + " comes first", Set.of());
            }
        }
        String arch = NODE_ARCH.get(platform.architecture());
        Map<String, List<FileFacts>> tuples = new LinkedHashMap<>();
        for (FileFacts f : files) {
            Matcher p = PREBUILD.matcher(f.path());
            if (p.matches()) {
                tuples.computeIfAbsent(p.group(2), k -> new ArrayList<>()).add(f);
            }
        }
        Optional<String> tuple = tuples.keySet().stream().filter(t -> {
            String[] parts = t.split("-");
            return parts.length == 2 && parts[0].equals("linux") && List.of(parts[1].split("\\+")).contains(arch);
        }).min(Comparator.comparingInt(t -> t.split("\\+").length));
        if (tuple.isEmpty()) {
            return new Choice(List.of(), "prebuilds/ has no linux-" + arch + " directory", tuples.keySet());
        }
        String armv = platform.architecture().equals("arm64") ? "8" : platform.architecture().equals("arm")
                ? (platform.variant().isEmpty() ? "7" : platform.variant().substring(1)) : "";
        String libc = alpine ? "musl" : "glibc";
        List<FileFacts> candidates = tuples.get(tuple.get()).stream().filter(f -> tagsFit(PathNames.baseName(f.path()), armv, libc)).toList();
        if (candidates.isEmpty()) {
            return new Choice(List.of(), "prebuilds/" + tuple.get() + " has no file for " + libc + (armv.isEmpty() ? "" : " and armv" + armv),
                    tuples.keySet());
        }
        int best = candidates.stream().mapToInt(f -> specificity(PathNames.baseName(f.path()))).max().orElse(0);
        return new Choice(candidates.stream().filter(f -> specificity(PathNames.baseName(f.path())) == best).toList(),
                "prebuilds/" + tuple.get() + " is this platform's and the file's tags fit (" + libc + (armv.isEmpty() ? "" : ", armv" + armv)
                        + ")", tuples.keySet());
    }

    private static boolean tagsFit(String name, String armv, String libc) {
        for (String tag : name.substring(0, name.length() - ".node".length()).split("\\.")) {
            if (tag.startsWith("armv") && !tag.substring(4).equals(armv) || (tag.equals("glibc") || tag.equals("musl")) && !tag.equals(libc)) {
                return false;
            }
        }
        return true;
    }

    private static int specificity(String name) {
        int n = 0;
        for (String tag : name.substring(0, name.length() - ".node".length()).split("\\.")) {
            if (Set.of("node", "electron", "node-webkit", "napi", "glibc", "musl").contains(tag) || tag.startsWith("abi")
                    || tag.startsWith("uv") || tag.startsWith("armv")) {
                n++;
            }
        }
        return n;
    }

    private static Finding judge(RuntimeNatives natives, String pkg, FileFacts f, String why, Choice choice) {
        String platform = natives.platform().toString();
        String name = pkg.substring(pkg.lastIndexOf("node_modules/"));
        if (choice.picked().contains(f)) {
            boolean sure = choice.picked().stream().noneMatch(natives::fits);
            String words = "require() fails on " + platform + ": " + name + " loads this file (node-gyp-build and bindings: "
                    + choice.rule() + "), and it is " + why + "; run npm ci in a stage of " + platform + ", not a copy of another "
                    + "platform's node_modules";
            return sure ? Finding.error(Check.NATIVE_NODE_ADDON, f.path(), words)
                    : Finding.warning(Check.NATIVE_NODE_ADDON, f.path(), words + "; a fitting file beside it may be picked instead, by "
                            + "Node's ABI");
        }
        Optional<FileFacts> fitting = choice.picked().stream().filter(natives::fits).findFirst();
        if (fitting.isPresent()) {
            return Finding.info(Check.NATIVE_NODE_ADDON, f.path(), "another platform's add-on (" + why + "); on " + platform + " "
                    + name + " loads " + fitting.get().path() + " instead, which fits");
        }
        return Finding.warning(Check.NATIVE_NODE_ADDON, f.path(), "no add-on for " + platform + " in " + name + " ("
                + choice.rule() + (choice.tuples().isEmpty() ? "" : "; it has " + String.join(", ", choice.tuples())) + "; this one is "
                + why + "): require() fails with \"No native build was found\" unless the package falls back to JavaScript");
    }
}
