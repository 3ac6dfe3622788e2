package dev.archgate.audit;

import dev.archgate.elf.ElfDynamic;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.PathNames;
import dev.archgate.image.fs.Resolution;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.platform.ArchitectureNames;
import dev.archgate.platform.Platform;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Where the dynamic loader of one platform looks for libraries in this image, each directory
 * with the reason it is searched: {@code LD_LIBRARY_PATH} from the image config,
 * {@code /etc/ld.so.conf} with its {@code include} globs, the default directories of the
 * platform's triplet ({@code /lib/<triplet>}, {@code /usr/lib/<triplet>}, {@code /lib},
 * {@code /usr/lib}, and {@code /lib64}, {@code /usr/lib64} for 64-bit platforms), and the
 * RUNPATH or RPATH of the platform's own ELF files with {@code $ORIGIN} expanded. Directories
 * are compared after following symlinks, so {@code /lib/x86_64-linux-gnu} and its merged-/usr
 * target are one.
 */
final class LoaderPaths {
    private static final String CONFIG = "/etc/ld.so.conf";
    private static final int MAX_INCLUDE_DEPTH = 8;
    private static final int MAX_CONFIG_FILES = 256;

    private final MergedFilesystem fs;
    private final Platform platform;
    /** The searched directories, canonical, each with why, in no particular order. */
    private final Map<String, String> reasons = new LinkedHashMap<>();
    private final List<String> ldLibraryPath = new ArrayList<>();
    private final List<String> system = new ArrayList<>();
    private int configFiles;

    private LoaderPaths(MergedFilesystem fs, Platform platform) {
        this.fs = fs;
        this.platform = platform;
    }

    /**
     * @param nativeFile whether an ELF file is code of this platform: only their RUNPATHs count,
     *     since a foreign program's RUNPATH is never used by this platform's loader
     */
    static LoaderPaths of(Platform platform, ImageConfig config, MergedFilesystem fs, Predicate<FileFacts> nativeFile) {
        LoaderPaths paths = new LoaderPaths(fs, platform);
        config.env().stream().filter(e -> e.startsWith("LD_LIBRARY_PATH=")).findFirst().ifPresent(e -> {
            for (String dir : e.substring("LD_LIBRARY_PATH=".length()).split("[:;]")) {
                if (dir.startsWith("/")) {
                    paths.add(dir, "LD_LIBRARY_PATH of the image config", paths.ldLibraryPath);
                }
            }
        });
        paths.config(CONFIG, 0);
        for (String dir : defaults(platform)) {
            paths.add(dir, "a default directory of the " + platform + " loader", paths.system);
        }
        for (FileFacts f : fs.all()) {
            if (f.isElf() && f.elf().dynamic() != null && f.elf().dynamic().searchPath() != null && nativeFile.test(f)) {
                ElfDynamic d = f.elf().dynamic();
                String kind = d.runpath() != null ? "RUNPATH" : "RPATH";
                for (String dir : paths.expand(d.searchPath(), f)) {
                    paths.add(dir, "in the " + kind + " of " + f.path(), null);
                }
            }
        }
        return paths;
    }

    private static List<String> defaults(Platform platform) {
        List<String> out = new ArrayList<>();
        for (String triplet : ArchitectureNames.triplets(ArchitectureNames.of(platform))) {
            out.add("/lib/" + triplet);
            out.add("/usr/lib/" + triplet);
        }
        out.addAll(List.of("/lib", "/usr/lib"));
        if (is64(platform)) {
            out.addAll(List.of("/lib64", "/usr/lib64"));
        }
        return out;
    }

    private static boolean is64(Platform platform) {
        return !List.of("arm", "386", "mips", "mipsle", "ppc").contains(platform.architecture());
    }

    /** Why the loader searches {@code dir} (a directory of the image, symlinks followed or not), or empty when it does not. */
    Optional<String> searched(String dir) {
        return Optional.ofNullable(canonical(dir)).map(reasons::get);
    }

    /**
     * The file the loader would load for {@code name} needed by {@code requester}: the first
     * compatible one in search order (RPATH when there is no RUNPATH, LD_LIBRARY_PATH, RUNPATH,
     * ld.so.conf and the defaults); glibc passes over files of another architecture, so a foreign
     * file is returned only when no compatible one exists. Empty when the name is found nowhere.
     */
    Optional<FileFacts> find(FileFacts requester, String name, Predicate<FileFacts> nativeFile) {
        if (name.contains("/")) {
            Resolution r = fs.resolve(name.startsWith("/") ? name : PathNames.child(PathNames.parent(requester.path()), name));
            return r.found() && r.facts().isElf() ? Optional.of(r.facts()) : Optional.empty();
        }
        ElfDynamic d = requester.elf().dynamic();
        List<String> order = new ArrayList<>();
        if (d != null && d.runpath() == null && d.rpath() != null) {
            order.addAll(expand(d.rpath(), requester));
        }
        order.addAll(ldLibraryPath);
        if (d != null && d.runpath() != null) {
            order.addAll(expand(d.runpath(), requester));
        }
        order.addAll(system);
        FileFacts foreign = null;
        for (String dir : order) {
            Resolution r = fs.resolve(PathNames.child(dir, name));
            if (r.found() && r.facts().isElf()) {
                if (nativeFile.test(r.facts())) {
                    return Optional.of(r.facts());
                }
                foreign = foreign == null ? r.facts() : foreign;
            }
        }
        return Optional.ofNullable(foreign);
    }

    /** The path of a directory after following symlinks, null when there is no such directory. */
    String canonical(String dir) {
        Resolution r = fs.resolve(dir);
        return r.found() && r.facts().type() == FileFacts.Type.DIRECTORY ? r.facts().path() : null;
    }

    private void add(String dir, String why, List<String> order) {
        String normal = PathNames.normalize(dir);
        if (order != null) {
            order.add(normal);
        }
        String c = canonical(normal);
        if (c != null) {
            reasons.putIfAbsent(c, why);
        }
    }

    /** Reads one loader configuration file: a directory per line, {@code include GLOB} lines, # comments. */
    private void config(String file, int depth) {
        if (depth > MAX_INCLUDE_DEPTH || ++configFiles > MAX_CONFIG_FILES) {
            return;
        }
        Resolution r = fs.resolve(file);
        if (!r.found() || r.facts().content() == null) {
            return;
        }
        for (String raw : r.facts().content().split("\n")) {
            String line = raw.replaceFirst("#.*", "").strip();
            if (line.startsWith("include") && line.length() > 7 && Character.isWhitespace(line.charAt(7))) {
                for (String glob : line.substring(8).strip().split("\\s+")) {
                    String absolute = glob.startsWith("/") ? glob : PathNames.child(PathNames.parent(file), glob);
                    included(absolute).forEach(f -> config(f, depth + 1));
                }
            } else if (!line.isEmpty() && !line.startsWith("hwcap")) {
                for (String dir : line.split("[:,\\s]+")) {
                    if (dir.startsWith("/")) {
                        add(dir, "listed in " + file, system);
                    }
                }
            }
        }
    }

    /** The files a glob of an include line names, in name order, as glibc's ldconfig reads them. */
    private List<String> included(String glob) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + glob);
        String dir = PathNames.parent(glob);
        String prefix = dir.equals("/") ? "/" : dir + "/";
        return fs.all().stream().map(FileFacts::path).filter(p -> p.startsWith(prefix) && m.matches(Path.of(p))).sorted().toList();
    }

    /** The directories of a RUNPATH or RPATH, with $ORIGIN (the object's directory) and $LIB expanded; $PLATFORM entries are left out. */
    private List<String> expand(String searchPath, FileFacts object) {
        List<String> out = new ArrayList<>();
        String origin = PathNames.parent(object.path());
        for (String entry : searchPath.split(":")) {
            if (entry.isEmpty() || entry.contains("PLATFORM")) {
                continue;
            }
            String e = entry.replace("${ORIGIN}", origin).replace("$ORIGIN", origin);
            if (e.contains("LIB}") || e.contains("$LIB")) {
                for (String lib : libNames()) {
                    out.add(PathNames.normalize(e.replace("${LIB}", lib).replace("$LIB", lib)));
                }
            } else if (e.startsWith("/")) {
                out.add(PathNames.normalize(e));
            }
        }
        return out;
    }

    private List<String> libNames() {
        List<String> out = new ArrayList<>(List.of("lib"));
        ArchitectureNames.triplets(ArchitectureNames.of(platform)).forEach(t -> out.add("lib/" + t));
        if (is64(platform)) {
            out.add("lib64");
        }
        return out;
    }
}
