package dev.archgate.audit;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/** The allow-list of image paths the file checks leave alone, as globs ("/usr/share/firmware/**"). */
public final class PathGlobs {
    private final List<PathMatcher> matchers;

    public PathGlobs(List<String> globs) {
        this.matchers = globs.stream().map(g -> FileSystems.getDefault().getPathMatcher("glob:" + g)).toList();
    }

    public static PathGlobs none() {
        return new PathGlobs(List.of());
    }

    public boolean matches(String path) {
        Path p = Path.of(path);
        return matchers.stream().anyMatch(m -> m.matches(p));
    }
}
