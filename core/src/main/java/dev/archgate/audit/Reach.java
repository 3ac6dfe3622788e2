package dev.archgate.audit;

import dev.archgate.elf.ElfExpectation;
import dev.archgate.elf.ElfInfo;
import dev.archgate.elf.ElfMismatch;
import dev.archgate.findings.Severity;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.PathNames;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.fs.Resolution;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.platform.ArchitectureNames;
import dev.archgate.platform.Platform;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

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
 * A file of the platform's own architecture built for a newer CPU level is judged by
 * {@link #judgeLevel}: what the platform runs is the entrypoint's program chain, so only that
 * chain and what it loads without choice matter, and only code that runs unconditionally.
 */
final class Reach {
    private static final int MAX_CHAIN = 64;

    /** How a foreign file weighs, by which rule, and the sentence that says why. */
    record Verdict(Severity severity, String rule, String reason) {}

    private final Platform platform;
    private final MergedFilesystem fs;
    private final ProgramChain chain;
    private final Set<String> entrypointChain = new HashSet<>();
    /** The objects the entrypoint's chain runs or loads, each with the chain that leads to it; made on first use. */
    private Map<String, String> chainLoads;
    private boolean walked;
    private final LoaderPaths loader;
    private final Map<String, String> interpreterOf = new HashMap<>();
    private final Map<String, String> neededBy = new HashMap<>();
    private final Set<String> pathDirs = new HashSet<>();

    private Reach(Platform platform, ImageConfig config, MergedFilesystem fs, ProgramChain chain) {
        this.platform = platform;
        this.fs = fs;
        this.chain = chain;
        chain.links().forEach(l -> entrypointChain.add(l.file().path()));
        this.loader = LoaderPaths.of(platform, config, fs, this::isNative);
    }

    /** @param entrypointChain what the container starts, as the entrypoint checks resolved it */
    static Reach of(Platform platform, ImageConfig config, MergedFilesystem fs, ProgramChain entrypointChain) {
        Reach r = new Reach(platform, config, fs, entrypointChain);
        for (String dir : config.path().split(":")) {
            String c = dir.startsWith("/") ? r.loader.canonical(dir) : null;
            if (c != null) {
                r.pathDirs.add(c);
            }
        }
        return r;
    }

    /** Code of the platform's architecture, whatever its CPU level: the loader loads it, and the CPU decides. */
    private boolean isNative(FileFacts f) {
        return f.isElf() && ElfExpectation.of(platform).judge(f.elf(), platform).filter(m -> m.kind() == ElfMismatch.Kind.ARCHITECTURE)
                .isEmpty();
    }

    /** The loaders and the DT_NEEDED chains of every program of this platform, each object visited once. */
    private void walkPrograms() {
        List<FileFacts> programs = new ArrayList<>();
        for (FileFacts f : fs.all()) {
            if (f.isElf() && f.elf().isProgram() && isNative(f)) {
                if (f.elf().interpreter() != null) {
                    Resolution l = fs.resolve(f.elf().interpreter());
                    if (l.found()) {
                        interpreterOf.putIfAbsent(l.facts().path(), f.path());
                    }
                }
                programs.add(f);
            }
        }
        loads(programs, neededBy::putIfAbsent);
    }

    /**
     * What the loader loads for {@code roots} through DT_NEEDED, each object visited once: every
     * object by path with the chain that leads to it ("a -> b -> c"), roots included. A foreign
     * object ends its chain and is handed to {@code foreign} with the words of the chain that needs it.
     */
    private Map<String, String> loads(List<FileFacts> roots, BiConsumer<String, String> foreign) {
        Deque<FileFacts> queue = new ArrayDeque<>();
        Map<String, String> chainOf = new LinkedHashMap<>();
        for (FileFacts f : roots) {
            chainOf.putIfAbsent(f.path(), f.path());
            queue.add(f);
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
                    foreign.accept(lib.path(), chain + " needs " + name);
                }
            }
        }
        return chainOf;
    }

    /**
     * How a file of this platform's architecture whose recorded CPU level is above the variant's
     * weighs. What runs on the platform is the entrypoint's program chain ({@link ProgramChain}:
     * the programs, interpreters and loader it starts) and what those load without choice
     * (PT_INTERP, the DT_NEEDED closure, found as the loader finds it). First match wins:
     * <ol>
     * <li>info: the chain neither runs nor loads it (a library a program may dlopen, or a tool
     *     of the image, is the smoke test's to run);</li>
     * <li>info: it shows run-time CPU dispatch of its own (IFUNC, getauxval, libgcc's CPU model:
     *     {@code dev.archgate.elf.CpuDispatch}) and its level is a linker's merge of objects, not a
     *     setting that applies to all of its code ({@link ElfMismatch#wholeFile()}), so the newer
     *     code runs only where the CPU has it: Debian's armhf libgcrypt.so.20 says v8 and runs on
     *     ARMv7;</li>
     * <li>error: otherwise: the chain runs it and nothing in it chooses, so the platform's oldest
     *     CPU dies of SIGILL. When the chain could not be resolved, every program and library
     *     counts as run (fail closed).</li>
     * </ol>
     */
    Verdict judgeLevel(FileFacts f, ElfMismatch mismatch) {
        String via = null;
        if (chain.whole()) {
            via = chainLoads().get(f.path());
            if (via == null) {
                return info("off-chain", "the entrypoint's program chain (" + chainWords() + ") neither runs nor loads it, so "
                        + platform + " executes none of it unless another command does");
            }
        }
        String dispatch = f.elf().cpu().dispatch();
        if (dispatch != null && !mismatch.wholeFile()) {
            return info("dispatch", "it chooses its code by CPU at run time (" + dispatch + "), so the newer code runs only where the CPU "
                    + "has it");
        }
        String why = mismatch.wholeFile() ? "no run-time dispatch can keep that level from running (a Go setting covers all of a program; "
                + "glibc's loader enforces an x86 ISA note; RISC-V attributes name what all of a file's code needs)" : "it shows no run-time CPU dispatch (no IFUNC, no getauxval or CPU-model import)";
        if (via == null) {
            return error("chain-unknown", "what the container starts could not be resolved (" + chain.broken().message()
                    + "), so every program and library counts as run, and " + why);
        }
        return error("on-chain", "the entrypoint's program chain " + (via.equals(f.path()) ? "runs it" : "loads it (" + via + ")")
                + " and " + why + ": the platform's oldest CPU dies of SIGILL");
    }

    /**
     * What the platform runs or loads: its own programs with an exec bit, the entrypoint's chain,
     * and the DT_NEEDED closure of both as the loader resolves it, each object with the chain that
     * leads to it. Only objects of the platform's architecture are in it.
     */
    Map<String, String> programLoads() {
        List<FileFacts> roots = new ArrayList<>(chain.links().stream().map(ProgramChain.Link::file).filter(this::isNative).toList());
        for (FileFacts f : fs.all()) {
            if (f.isExecutable() && f.elf() != null && f.elf().isProgram() && isNative(f)) {
                roots.add(f);
            }
        }
        Map<String, String> out = new LinkedHashMap<>();
        loads(roots, (path, why) -> { }).forEach((path, via) -> {
            Resolution r = fs.resolve(path);
            if (r.found() && isNative(r.facts())) {
                out.put(path, via);
            }
        });
        return out;
    }

    /** The library the loader gives {@code requester} for the DT_NEEDED {@code name}, of the platform's architecture. */
    Optional<FileFacts> find(FileFacts requester, String name) {
        return loader.find(requester, name, this::isNative).filter(this::isNative);
    }

    private Map<String, String> chainLoads() {
        if (chainLoads == null) {
            List<FileFacts> roots = chain.links().stream().map(ProgramChain.Link::file).filter(this::isNative).toList();
            chainLoads = loads(roots, (path, why) -> { });
        }
        return chainLoads;
    }

    private String chainWords() {
        return String.join(" -> ", chain.links().stream().map(l -> l.file().path()).distinct().toList());
    }

    Verdict judge(FileFacts f) {
        if (!walked) {
            walkPrograms(); // level findings need only the entrypoint's chain, so images without a foreign file skip this
            walked = true;
        }
        String path = f.path();
        String arch = ElfExpectation.architectureOf(f.elf()).orElse(null);
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
        if (PathPlaces.isEmulator(path)) {
            return info("emulator", "it is an emulator's own binary, carried for other hosts; " + platform + " runs none of it");
        }
        Optional<String> sysroot = PathPlaces.crossSysroot(path, ArchitectureNames.of(platform));
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
            String pkg = PathPlaces.packageDirectory(path);
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

    private static Verdict error(String rule, String reason) {
        return new Verdict(Severity.ERROR, rule, reason);
    }

    private static Verdict info(String rule, String reason) {
        return new Verdict(Severity.INFO, rule, reason);
    }
}
