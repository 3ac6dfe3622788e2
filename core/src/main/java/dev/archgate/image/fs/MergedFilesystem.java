package dev.archgate.image.fs;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The filesystem a container of one platform would see: its layers applied bottom to top with
 * the overlay rules of the OCI image spec, as facts per path. Symlinks are resolved the way the
 * kernel does inside the container's root: relative and absolute, through intermediate
 * directories, with ".." stopping at "/" and loops cut off after {@value #MAX_HOPS} links.
 */
public final class MergedFilesystem {
    static final int MAX_HOPS = 40;
    private final NavigableMap<String, FileFacts> files;
    private final LayerSpace space;

    private MergedFilesystem(NavigableMap<String, FileFacts> files, LayerSpace space) {
        this.files = Collections.unmodifiableNavigableMap(files);
        this.space = space;
    }

    /** Applies the layers' changes, bottom layer first. */
    public static MergedFilesystem merge(List<List<LayerChange>> layers) {
        TreeMap<String, FileFacts> merged = new TreeMap<>();
        merged.put("/", FileFacts.root());
        LayerSpace.Accounting space = new LayerSpace.Accounting();
        for (List<LayerChange> layer : layers) {
            // Whiteouts and opaque markers hide what the layers BELOW put there, never what this
            // layer adds, so they are applied first.
            for (LayerChange c : layer) {
                if (c instanceof LayerChange.Whiteout w) {
                    removeTree(merged, w.path(), true);
                } else if (c instanceof LayerChange.Opaque o) {
                    removeTree(merged, o.directory(), false);
                }
            }
            for (LayerChange c : layer) {
                if (c instanceof LayerChange.Add a) {
                    add(merged, a.facts());
                    space.added(a.facts());
                } else if (c instanceof LayerChange.HardLink h) {
                    FileFacts target = merged.get(h.target());
                    if (target != null) {
                        FileFacts link = target.linkedAt(h.path());
                        add(merged, link);
                        space.linked(link, target);
                    }
                }
            }
        }
        return new MergedFilesystem(merged, space.finish(merged.values()));
    }

    private static void add(TreeMap<String, FileFacts> merged, FileFacts f) {
        FileFacts lower = merged.get(f.path());
        if (lower != null && lower.type() == FileFacts.Type.DIRECTORY && f.type() != FileFacts.Type.DIRECTORY) {
            removeTree(merged, f.path(), true); // a file over a directory hides the directory's contents
        }
        merged.put(f.path(), f);
    }

    private static void removeTree(TreeMap<String, FileFacts> merged, String path, boolean includingItself) {
        if (includingItself) {
            merged.remove(path);
        }
        String prefix = path.equals("/") ? "/" : path + "/";
        merged.subMap(prefix, true, prefix + Character.MAX_VALUE, false).clear();
        merged.putIfAbsent("/", FileFacts.root());
    }

    /** The entry at exactly this path, not following a final symlink. */
    public Optional<FileFacts> entry(String path) {
        return Optional.ofNullable(files.get(PathNames.normalize(path)));
    }

    /** The bytes the layers unpack to, and the part of them this merged view hides. */
    public LayerSpace space() {
        return space;
    }

    public Collection<FileFacts> all() {
        return files.values();
    }

    public int size() {
        return files.size();
    }

    /**
     * Follows symlinks in every component of {@code path} and in the result.
     *
     * @return the entry reached, or a {@link Resolution} saying where it broke
     */
    public Resolution resolve(String path) {
        String current = "/";
        // Not normalised first: "a/../b" must follow a symlink at "a" before climbing, as the kernel does.
        // A deque: a link's target goes in front of what is left, and a target may have thousands of parts.
        Deque<String> pending = new ArrayDeque<>(List.of(path.split("/")));
        int hops = 0;
        while (!pending.isEmpty()) {
            String part = pending.removeFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = PathNames.parent(current);
                continue;
            }
            String next = PathNames.child(current, part);
            FileFacts f = files.get(next);
            if (f == null) {
                if (!hasEntriesBelow(next)) {
                    return Resolution.missing(path, next);
                }
                current = next; // layers need not list parent directories: entries below imply one
                continue;
            }
            if (f.type() == FileFacts.Type.SYMLINK) {
                if (++hops > MAX_HOPS) {
                    return Resolution.loop(path, next);
                }
                String target = f.linkTarget();
                String[] parts = target.split("/");
                for (int i = parts.length - 1; i >= 0; i--) {
                    pending.addFirst(parts[i]);
                }
                if (target.startsWith("/")) {
                    current = "/";
                }
                continue;
            }
            if (!pending.isEmpty() && pending.stream().anyMatch(p -> !p.isEmpty() && !p.equals("."))
                    && f.type() != FileFacts.Type.DIRECTORY) {
                return Resolution.missing(path, next); // a file used as a directory: ENOTDIR
            }
            current = next;
        }
        FileFacts reached = files.get(current);
        return reached != null ? Resolution.found(path, reached)
                : Resolution.found(path, FileFacts.of(current, FileFacts.Type.DIRECTORY, 0755, 0, 0, null));
    }

    private boolean hasEntriesBelow(String dir) {
        String below = files.ceilingKey(dir + "/");
        return below != null && below.startsWith(dir + "/");
    }

    /**
     * Looks a command name up the way the runtime does: as a path if it has a slash, else in each
     * directory of PATH, taking the first executable file. When PATH holds the name only as files
     * without an execute bit, the first of those is returned, so that a check can say so.
     */
    public Resolution which(String command, String pathVariable) {
        if (command.contains("/")) {
            return resolve(command.startsWith("/") ? command : "/" + command);
        }
        Resolution firstFile = null;
        for (String dir : pathVariable.split(":")) {
            if (dir.isEmpty()) {
                continue;
            }
            Resolution r = resolve(PathNames.child(PathNames.normalize(dir), command));
            if (r.found() && r.facts().type() == FileFacts.Type.FILE) {
                if (r.facts().isExecutable()) {
                    return r;
                }
                firstFile = firstFile == null ? r : firstFile;
            }
        }
        return firstFile != null ? firstFile : Resolution.notOnPath(command, pathVariable);
    }
}
