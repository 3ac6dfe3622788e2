package dev.archgate.audit;

import dev.archgate.elf.ElfInfo;
import dev.archgate.image.FileFacts;
import dev.archgate.image.ImageConfig;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.image.PathNames;
import dev.archgate.image.Resolution;
import dev.archgate.platform.ArchitectureNames;
import dev.archgate.platform.ElfExpectation;
import dev.archgate.platform.Platform;
import dev.archgate.report.Severity;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether the platform can reach a file of another architecture, and so how much it weighs.
 * The loader picks the file for the running architecture and the kernel runs what is executed,
 * so a foreign file matters only on the paths that lead to it. Rules, first match wins:
 * <ol>
 * <li>error: the entrypoint chain starts it; it is the program interpreter (PT_INTERP) of one
 *     of the platform's own programs; a DT_NEEDED chain of the platform's own programs resolves
 *     to it; it lies in a directory the platform's loader searches ({@link LoaderPaths});</li>
 * <li>info: it is an emulator's own binary (qemu-*, box64, FEX); it lies in a cross sysroot of
 *     another triplet ({@code /usr/<triplet>/}, {@code /usr/lib/gcc-cross/<triplet>/}); it has a
 *     counterpart for the platform's architecture at the same path with the architecture's
 *     name swapped ({@code linux-x64}/{@code linux-arm64}, {@code x86_64}/{@code aarch64}, ...);</li>
 * <li>error: it is a program (not a mere shared object) with an exec bit, on PATH or elsewhere;</li>
 * <li>warning: any other shared object, typically a language add-on built for another
 *     architecture only;</li>
 * <li>info: anything else is data (a program without an exec bit that nothing names).</li>
 * </ol>
 */
final class Reach {
    private static final Pattern EMULATOR = Pattern.compile("qemu-[a-z0-9_]+(-static)?|box(64|86)|FEX(Interpreter|Loader)?");
    private static final int MAX_CHAIN = 64;

    /** How a foreign file weighs, by which rule, and the sentence that says why. */
    record Verdict(Severity severity, String rule, String reason) {}

    private final Platform platform;
    private final MergedFilesystem fs;
    private final Set<String> entrypointChain;
    private final LoaderPaths loader;
    private final Map<String, String> interpreterOf = new HashMap<>();
    private final Map<String, String> neededBy = new HashMap<>();
    private final Set<String> pathDirs = new HashSet<>();

    private Reach(Platform platform, ImageConfig config, MergedFilesystem fs, Set<String> entrypointChain) {
        this.platform = platform;
        this.fs = fs;
        this.entrypointChain = entrypointChain;
        this.loader = LoaderPaths.of(platform, config, fs, this::isNative);
    }

    static Reach of(Platform platform, ImageConfig config, MergedFilesystem fs, Set<String> entrypointChain) {
        Reach r = new Reach(platform, config, fs, entrypointChain);
        r.walkPrograms();
        for (String dir : config.path().split(":")) {
            String c = dir.startsWith("/") ? r.loader.canonical(dir) : null;
            if (c != null) {
                r.pathDirs.add(c);
            }
        }
        return r;
    }

    private boolean isNative(FileFacts f) {
        return f.isElf() && ElfExpectation.of(platform).judge(f.elf(), platform).isEmpty();
    }

    /** The loaders and the DT_NEEDED chains of every program of this platform, each object visited once. */
    private void walkPrograms() {
        Deque<FileFacts> queue = new ArrayDeque<>();
        Map<String, String> chainOf = new HashMap<>();
        for (FileFacts f : fs.all()) {
            if (f.isElf() && f.elf().isProgram() && isNative(f)) {
                if (f.elf().interpreter() != null) {
                    Resolution l = fs.resolve(f.elf().interpreter());
                    if (l.found()) {
                        interpreterOf.putIfAbsent(l.facts().path(), f.path());
                    }
                }
                chainOf.put(f.path(), f.path());
                queue.add(f);
            }
        }
        while (!queue.isEmpty()) {
            FileFacts object = queue.poll();
            if (object.elf().dynamic() == null) {
                continue;
            }
            String chain = chainOf.get(object.path());
            for (String name : object.elf().dynamic().needed()) {
                Optional<FileFacts> found = loader.find(object, name, this::isNative);
                if (found.isEmpty() || chainOf.containsKey(found.get().path())) {
                    continue;
                }
                FileFacts lib = found.get();
                String next = chain.chars().filter(c -> c == '>').count() < MAX_CHAIN ? chain + " -> " + lib.path() : chain;
                chainOf.put(lib.path(), next);
                if (isNative(lib)) {
                    queue.add(lib);
                } else {
                    neededBy.putIfAbsent(lib.path(), chain + " needs " + name);
                }
            }
        }
    }

    Verdict judge(FileFacts f) {
        String path = f.path();
        String arch = ArchitectureNames.of(f.elf()).orElse(null);
        if (entrypointChain.contains(path)) {
            return error("entrypoint", "the container starts it (entrypoint chain): it fails with exec format error on " + platform);
        }
        if (interpreterOf.containsKey(path)) {
            return error("interpreter", "it is the program interpreter (PT_INTERP) of " + interpreterOf.get(path) + ", which cannot start");
        }
        if (neededBy.containsKey(path)) {
            return error("needed", "the loader resolves a DT_NEEDED chain to it (" + neededBy.get(path) + "), which fails to load");
        }
        Optional<String> searched = loader.searched(PathNames.parent(path));
        if (searched.isPresent() && f.elf().type() == ElfInfo.ET_DYN) {
            return error("loader-path", "it lies in " + PathNames.parent(path) + ", which the " + platform + " loader searches ("
                    + searched.get() + "), so a program that needs " + PathNames.baseName(path) + " gets this file; move it out of the "
                    + "loader's path or ship the " + platform + " build");
        }
        if (EMULATOR.matcher(PathNames.baseName(path)).matches()) {
            return info("emulator", "it is an emulator's own binary, carried for other hosts; " + platform + " runs none of it");
        }
        Optional<String> sysroot = crossSysroot(path);
        if (sysroot.isPresent()) {
            return info("cross-sysroot", "it lies in the cross sysroot " + sysroot.get() + " of another architecture, which a cross "
                    + "toolchain links against and " + platform + " never loads");
        }
        Optional<String> counterpart = arch == null ? Optional.empty() : counterpart(path, arch);
        if (counterpart.isPresent()) {
            return info("counterpart", "its counterpart for " + platform + " is " + counterpart.get()
                    + ", which is the one that is loaded or run there");
        }
        if (f.isExecutable() && f.elf().isProgram()) {
            String where = pathDirs.contains(loader.canonical(PathNames.parent(path))) ? "on PATH, " : "";
            return error("executable", "it is a program with an exec bit (mode " + Integer.toOctalString(f.mode() & 07777) + "), "
                    + where + "with no counterpart for " + platform + ": whatever runs it there fails with exec format error");
        }
        if (!f.elf().isProgram()) {
            String pkg = packageDirectory(path);
            return new Verdict(Severity.WARNING, "add-on", "a shared object with no counterpart for " + platform + " in " + pkg
                    + ": on " + platform + " this module will be missing unless the package falls back to another build; a smoke "
                    + "test that imports it settles it");
        }
        return info("data", "it is neither executable nor a library here, so it is treated as data");
    }

    private Optional<String> counterpart(String path, String arch) {
        for (String candidate : ArchitectureNames.counterparts(path, arch, ArchitectureNames.of(platform))) {
            Resolution r = fs.resolve(candidate);
            if (r.found() && isNative(r.facts())) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** {@code /usr/<triplet>/} or {@code /usr/lib/gcc-cross/<triplet>/} of an architecture other than the platform's. */
    private Optional<String> crossSysroot(String path) {
        String[] parts = path.split("/");
        int at = parts.length > 3 && parts[2].equals("lib") && parts[3].equals("gcc-cross") ? 4 : 2;
        if (parts.length <= at + 1 || !parts[1].equals("usr")) {
            return Optional.empty();
        }
        String triplet = parts[at];
        return ArchitectureNames.ofTriplet(triplet).filter(a -> !a.equals(ArchitectureNames.of(platform)))
                .map(a -> String.join("/", List.of(parts).subList(0, at + 1)) + "/");
    }

    /** The directory of the package a file belongs to: node_modules/NAME (or @scope/NAME), site- or dist-packages/NAME, else its directory. */
    static String packageDirectory(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 2; i >= 1; i--) {
            String p = parts[i];
            if ((p.equals("node_modules") || p.equals("site-packages") || p.equals("dist-packages")) && i + 1 < parts.length - 1) {
                int end = parts[i + 1].startsWith("@") && i + 2 < parts.length - 1 ? i + 3 : i + 2;
                return String.join("/", List.of(parts).subList(0, end));
            }
        }
        return PathNames.parent(path);
    }

    private static Verdict error(String rule, String reason) {
        return new Verdict(Severity.ERROR, rule, reason);
    }

    private static Verdict info(String rule, String reason) {
        return new Verdict(Severity.INFO, rule, reason);
    }
}
