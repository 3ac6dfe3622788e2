package dev.archgate.image.fs;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bytes of a merged filesystem by path: under every directory, and summed per path of at most
 * {@value #DEPTH} components ({@code /usr/local/go}, {@code /root/.cache/go-build},
 * {@code /app}), the level at which "what takes the room" reads as an answer. Each file content
 * counts once, however many hard links name it.
 */
public final class PathSizes {
    public static final int DEPTH = 3;
    private static final int MAX_LINK_CHAIN = 64;

    private final Map<String, Long> under;
    private final Map<String, Long> shallow;
    private final long total;

    private PathSizes(Map<String, Long> under, Map<String, Long> shallow, long total) {
        this.under = Map.copyOf(under);
        this.shallow = Map.copyOf(shallow);
        this.total = total;
    }

    /** @param bytes a file's or subtree's size in bytes */
    public record PathSize(String path, long bytes) implements java.io.Serializable {}

    public static PathSizes of(MergedFilesystem fs) {
        Map<String, Long> under = new HashMap<>();
        Map<String, Long> shallow = new HashMap<>();
        Set<String> counted = new HashSet<>();
        long total = 0;
        for (FileFacts f : fs.all()) {
            if (f.type() != FileFacts.Type.FILE || f.size() == 0 || !counted.add(content(fs, f))) {
                continue;
            }
            total += f.size();
            shallow.merge(truncate(f.path()), f.size(), Long::sum);
            for (String dir = PathNames.parent(f.path()); ; dir = PathNames.parent(dir)) {
                under.merge(dir, f.size(), Long::sum);
                if (dir.equals("/")) {
                    break;
                }
            }
            under.merge(f.path(), f.size(), Long::sum);
        }
        return new PathSizes(under, shallow, total);
    }

    /**
     * The name a file's content is known by: for a hard link, the path of the file it links to
     * (through links to links), as long as that is still there; otherwise its own path.
     */
    private static String content(MergedFilesystem fs, FileFacts f) {
        FileFacts at = f;
        for (int i = 0; i < MAX_LINK_CHAIN && at.hardLinkOf() != null; i++) {
            FileFacts target = fs.entry(at.hardLinkOf()).orElse(null);
            if (target == null || target.type() != FileFacts.Type.FILE) {
                break;
            }
            at = target;
        }
        return at.path();
    }

    private static String truncate(String path) {
        int slash = 0;
        for (int i = 0; i < DEPTH; i++) {
            slash = path.indexOf('/', slash + 1);
            if (slash < 0) {
                return path;
            }
        }
        return path.substring(0, slash);
    }

    /** The bytes of the file at {@code path}, or of everything below the directory there. */
    public long under(String path) {
        return under.getOrDefault(PathNames.normalize(path), 0L);
    }

    /** The bytes of every file, each content once. */
    public long total() {
        return total;
    }

    /** Bytes per path of at most {@value #DEPTH} components. */
    public Map<String, Long> shallow() {
        return shallow;
    }

    /** The {@code n} largest paths of at most {@value #DEPTH} components, largest first. */
    public List<PathSize> largest(int n) {
        return largestOf(shallow, n);
    }

    /** Like {@link #largest(int)}, over any map of paths to bytes (for differences between variants). */
    public static List<PathSize> largestOf(Map<String, Long> sizes, int n) {
        return sizes.entrySet().stream().filter(e -> e.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(n).map(e -> new PathSize(e.getKey(), e.getValue())).toList();
    }
}
