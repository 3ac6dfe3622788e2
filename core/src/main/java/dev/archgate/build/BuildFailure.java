package dev.archgate.build;

import dev.archgate.platform.Platform;
import java.util.List;

/**
 * Why a buildx build failed, sorted by who must act: the image ({@link Kind#PLATFORM}: a step
 * failed for a platform, so that platform's build is a proven failure), the user
 * ({@link Kind#USAGE}: a Dockerfile that does not parse, a base image that does not exist,
 * missing registry credentials) or the environment ({@link Kind#ENVIRONMENT}: the engine,
 * builder or a registry could not be reached or answered 5xx).
 *
 * @param message one sentence naming the problem and the fix
 * @param steps for {@link Kind#PLATFORM}, each platform whose build failed with the step that failed
 */
public record BuildFailure(Kind kind, String message, List<FailedStep> steps) {
    public enum Kind { PLATFORM, USAGE, ENVIRONMENT }

    public BuildFailure {
        steps = List.copyOf(steps);
    }

    static BuildFailure usage(String message) {
        return new BuildFailure(Kind.USAGE, message, List.of());
    }

    static BuildFailure environment(String message) {
        return new BuildFailure(Kind.ENVIRONMENT, message, List.of());
    }

    /**
     * One platform's failed build step.
     *
     * @param step the step as BuildKit names it, e.g. {@code [linux/arm64 3/3] RUN make}
     * @param line the Dockerfile line of the step as buildx reported it, 0 when it did not
     * @param error BuildKit's error for the step, e.g. "... did not complete successfully: exit code: 1"
     * @param output the last lines the step printed
     */
    public record FailedStep(Platform platform, String step, int line, String error, List<String> output) {
        public FailedStep {
            output = List.copyOf(output);
        }
    }
}
