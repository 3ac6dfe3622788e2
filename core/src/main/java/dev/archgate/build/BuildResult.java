package dev.archgate.build;

import java.util.List;

/**
 * What a buildx build produced: where the image now is (a registry reference pinned by digest,
 * or {@code docker-daemon:NAME} for an image loaded into the engine) and the tag people know it
 * by, BuildKit's warnings, or buildx's own error text when it failed.
 */
public record BuildResult(String image, String tag, String digest, List<String> warnings, String error) {
    public BuildResult {
        warnings = List.copyOf(warnings);
    }

    public boolean succeeded() {
        return error == null;
    }
}
