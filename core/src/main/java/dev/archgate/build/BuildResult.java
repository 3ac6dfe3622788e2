package dev.archgate.build;

import dev.archgate.platform.Platform;
import java.util.List;
import java.util.Map;

/**
 * What a buildx build produced: where the image now is (a registry reference pinned by digest,
 * or {@code docker-daemon:NAME} for an image loaded into the engine) and the tag people know it
 * by, BuildKit's warnings, or why it failed. An engine with the classic
 * image store holds one platform per image, so there {@code perPlatform} names one
 * {@code docker-daemon:} image per platform and {@code image} is null.
 */
public record BuildResult(String image, String tag, String digest, Map<Platform, String> perPlatform, List<String> warnings, BuildFailure failure) {
    public BuildResult {
        perPlatform = Map.copyOf(perPlatform);
        warnings = List.copyOf(warnings);
    }

    static BuildResult failed(List<String> warnings, BuildFailure failure) {
        return new BuildResult(null, null, null, Map.of(), warnings, failure);
    }

    public boolean succeeded() {
        return failure == null;
    }
}
