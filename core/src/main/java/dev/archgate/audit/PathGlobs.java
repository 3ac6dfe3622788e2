package dev.archgate.audit;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;
import java.util.Set;

/** The allow-list of image paths the file checks leave alone, as globs ("/usr/share/firmware/**"). */
public final class PathGlobs {
    private final List<PathMatcher> matchers;
    private final Set<String> exact;

    public PathGlobs(List<String> globs) {
        this(globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList(), Set.of());
    }

    private PathGlobs(List<PathMatcher> matchers, Set<String> exact) {
        this.matchers = matchers;
        this.exact = exact;
    }

    /** These globs and, besides, exactly these paths: what another check has already judged. */
    PathGlobs plus(Set<String> paths) {
        return new PathGlobs(matchers, Set.copyOf(paths));
    }

    public static PathGlobs none() {
        return new PathGlobs(List.of());
    }

    public boolean matches(String path) {
        if (exact.contains(path)) {
            return true;
        }
        Path p = Path.of(path);
        return matchers.stream().anyMatch(m -> m.matches(p));
    }
}
