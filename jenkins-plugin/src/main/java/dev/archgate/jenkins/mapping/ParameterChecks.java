package dev.archgate.jenkins.mapping;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.spec.ByteSizes;
import dev.archgate.spec.Durations;
import dev.archgate.spec.SmokeTest;
import java.util.Optional;

/**
 * The checks behind the freestyle form's validation, made by the engine's own parsers, so that the form accepts
 * exactly what a run accepts. Each answer is empty, or the sentence naming the problem and the fix.
 */
public final class ParameterChecks {
    private ParameterChecks() {}

    /** Platforms as the form takes them: separated by commas, spaces or lines; empty is allowed (archgate.yml may list them). */
    public static Optional<String> platforms(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Platform.parseList(value);
            return Optional.empty();
        } catch (ArchgateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A duration such as 500ms, 30s, 2m or 1h; empty keeps the default. */
    public static Optional<String> duration(String value, String key) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            Durations.parse(value, key);
            return Optional.empty();
        } catch (ArchgateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A size such as 150MiB, 200MB or a number of bytes; empty keeps archgate.yml's value or the default. */
    public static Optional<String> size(String value, String key) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            ByteSizes.parse(value, key);
            return Optional.empty();
        } catch (ArchgateException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** A smoke mode: command, service or start; empty means command. */
    public static Optional<String> smokeMode(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        try {
            SmokeTest.Mode.named(value, "mode");
            return Optional.empty();
        } catch (ArchgateException e) {
            return Optional.of(e.getMessage());
        }
    }
}
