package dev.archgate.build;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import java.util.List;

/**
 * Why a buildx build failed, sorted by who must act: the image (no {@code stop}: a step failed for
 * a platform, so that platform's build is a proven failure), or, with {@code stop}, the user
 * ({@link ArchgateException.Kind#USAGE}: a Dockerfile that does not parse, a base image that does
 * not exist, missing registry credentials) or the environment ({@link ArchgateException.Kind#ENVIRONMENT}:
 * the engine, builder or a registry could not be reached or answered 5xx), which stop the run.
 *
 * @param message one sentence naming the problem and the fix
 * @param steps without {@code stop}, each platform whose build failed with the step that failed
 * @param stop the kind of the run's end when the image is not what failed, else null
 */
public record BuildFailure(String message, List<FailedStep> steps, ArchgateException.Kind stop) {
    public BuildFailure {
        steps = List.copyOf(steps);
    }

    static BuildFailure usage(String message) {
        return new BuildFailure(message, List.of(), ArchgateException.Kind.USAGE);
    }

    static BuildFailure environment(String message) {
        return new BuildFailure(message, List.of(), ArchgateException.Kind.ENVIRONMENT);
    }

    static BuildFailure ofPlatforms(String message, List<FailedStep> steps) {
        return new BuildFailure(message, steps, null);
    }

    /** The image failed to build for some platforms: a verdict, not a stopped run. */
    public boolean ofPlatforms() {
        return stop == null;
    }

    /** The run's end, for a failure that is not the image's. */
    public ArchgateException stopped() {
        return new ArchgateException(message, stop);
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
