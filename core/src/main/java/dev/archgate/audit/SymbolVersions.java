package dev.archgate.audit;

import dev.archgate.elf.ElfVersions;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.PathNames;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.fs.Resolution;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The symbol versions of what the platform runs or loads ({@link Reach#programLoads}: its programs
 * with an exec bit, the entrypoint's chain and their DT_NEEDED closure) against the libraries the
 * loader resolves for them, as glibc's loader checks them before the program starts
 * (elf/dl-version.c, _dl_check_map_versions and match_symbol): every version an object needs
 * from a library must be among that library's definitions, else "version `GLIBC_2.38' not found"
 * ends the program, unless the need is weak (VER_FLG_WEAK) or the library defines no versions at
 * all (then the loader says nothing). The program interpreter (PT_INTERP) and the libc.so.6 it
 * meets must also come from one glibc build ({@code elf.libc-mismatch}): they share the
 * GLIBC_PRIVATE interface, whose version name is the same in every build while its symbols and
 * data layout change, so dl-version.c passes them and the program dies later with "symbol
 * lookup error ... version GLIBC_PRIVATE" (elf/dl-lookup.c) or worse.
 */
final class SymbolVersions {
    private static final String LIBC = "libc.so.6";

    private SymbolVersions() {}

    /** @param ignored paths the spec tells the audit to pass over */
    static List<Finding> check(Platform platform, ImageConfig config, MergedFilesystem fs, PathGlobs ignored, ProgramChain chain) {
        Reach reach = Reach.of(platform, config, fs, chain);
        Map<String, String> loads = reach.programLoads();
        List<Finding> missing = new ArrayList<>();
        List<Finding> unread = new ArrayList<>();
        Set<String> libcs = new LinkedHashSet<>();
        Map<String, String> loaders = new LinkedHashMap<>();
        for (String path : loads.keySet()) {
            if (ignored.matches(path)) {
                continue;
            }
            FileFacts object = fs.resolve(path).facts();
            ElfVersions versions = object.elf().versions();
            if (object.elf().interpreter() != null) {
                Resolution l = fs.resolve(object.elf().interpreter());
                if (l.found() && l.facts().isElf()) {
                    loaders.putIfAbsent(l.facts().path(), path);
                }
            }
            if (object.elf().dynamic() == null || versions == null) {
                continue; // a static file, or a dynamic section the ELF checks already could not read
            }
            if (!versions.complete()) {
                unread.add(Finding.error(Check.ELF_SYMBOL_VERSION, path, path + ": the symbol versions it needs could not be read "
                        + "(.gnu.version_r out of reach of a one-pass read), so whether this image's libraries provide them is unknown; "
                        + "a smoke test that runs it settles it"));
                continue;
            }
            for (ElfVersions.Need need : versions.needs()) {
                Optional<FileFacts> lib = reach.find(object, need.file());
                if (lib.isEmpty()) {
                    continue; // a missing library is the loader's "cannot open shared object file", not a version
                }
                if (isLibc(lib.get())) {
                    libcs.add(lib.get().path());
                }
                judge(path, need, lib.get()).ifPresent(missing::add);
            }
        }
        List<Finding> out = new ArrayList<>(mismatch(fs, loaders, libcs));
        out.addAll(ElfChecks.capped(missing));
        out.addAll(ElfChecks.capped(unread));
        return out;
    }

    private static Optional<Finding> judge(String path, ElfVersions.Need need, FileFacts lib) {
        ElfVersions provided = lib.elf().versions();
        if (provided == null || !provided.complete()) {
            return Optional.of(Finding.error(Check.ELF_SYMBOL_VERSION, path, path + " needs versions from " + need.file()
                    + ", whose definitions (" + lib.path() + ") could not be read, so whether it provides them is unknown; a smoke test "
                    + "that runs it settles it"));
        }
        if (provided.defines().isEmpty()) {
            return Optional.empty(); // a library without versions satisfies every need (dl-version.c says so only when verbose)
        }
        List<ElfVersions.Version> absent = need.versions().stream().filter(v -> !v.weak() && !provided.defines(v)).toList();
        if (absent.isEmpty()) {
            return Optional.empty();
        }
        String names = absent.stream().map(SymbolVersions::name).collect(Collectors.joining(", "));
        Set<String> newest = new LinkedHashSet<>();
        for (ElfVersions.Version v : absent) {
            provided.newestOf(v).ifPresent(newest::add);
        }
        String has = newest.isEmpty() ? "defines none of " + (absent.size() == 1 ? "it" : "them")
                : "provides up to " + String.join(", ", newest);
        String libName = PathNames.baseName(lib.path()).equals(need.file()) ? need.file() : need.file() + " (" + lib.path() + ")";
        return Optional.of(Finding.error(Check.ELF_SYMBOL_VERSION, path, path + " needs " + names + " from " + need.file()
                + "; this image's " + libName + " " + has + ": the loader refuses to start it (\"version `" + name(absent.get(0))
                + "' not found\"); build it on a base no newer than this one, or base the image on the release it was built for"));
    }

    /** Loader and libc.so.6 of different glibc builds, as their build texts say. */
    private static List<Finding> mismatch(MergedFilesystem fs, Map<String, String> loaders, Set<String> libcs) {
        List<Finding> out = new ArrayList<>();
        for (Map.Entry<String, String> loader : loaders.entrySet()) {
            String loaderRelease = release(fs, loader.getKey());
            for (String libc : libcs) {
                String libcRelease = release(fs, libc);
                if (loaderRelease == null || libcRelease == null || loaderRelease.equals(libcRelease)) {
                    continue;
                }
                out.add(Finding.error(Check.ELF_LIBC_MISMATCH, loader.getKey(), "the program loader " + loader.getKey() + " (PT_INTERP of "
                        + loader.getValue() + ") is glibc " + loaderRelease + ", but " + libc + " is glibc " + libcRelease
                        + ": the two share glibc's private interface (GLIBC_PRIVATE), which changes between builds, so programs die with "
                        + "a symbol lookup error or worse; install both from one libc6 package"));
            }
        }
        return out;
    }

    private static String release(MergedFilesystem fs, String path) {
        Resolution r = fs.resolve(path);
        return r.found() && r.facts().isElf() && r.facts().elf().versions() != null ? r.facts().elf().versions().release() : null;
    }

    private static boolean isLibc(FileFacts lib) {
        return lib.elf().dynamic() != null && LIBC.equals(lib.elf().dynamic().soname());
    }

    private static String name(ElfVersions.Version v) {
        return v.name() != null ? v.name() : String.format("the version of hash 0x%08x", v.hash());
    }
}
