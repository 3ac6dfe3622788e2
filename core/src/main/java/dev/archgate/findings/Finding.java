package dev.archgate.findings;

import java.io.Serializable;
import java.util.Objects;

/**
 * One thing a check found about one platform. {@code path} is the file inside the image (or the
 * Dockerfile line, for lint findings) and is null when the finding is about the image as a whole.
 * The message says what was expected and what was found, in words a person acts on.
 */
public record Finding(Check check, Severity severity, String path, String message) implements Serializable {
    public Finding {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
    }

    public static Finding error(Check check, String path, String message) {
        return new Finding(check, Severity.ERROR, path, message);
    }

    public static Finding warning(Check check, String path, String message) {
        return new Finding(check, Severity.WARNING, path, message);
    }

    public static Finding info(Check check, String path, String message) {
        return new Finding(check, Severity.INFO, path, message);
    }

    public Finding withSeverity(Severity newSeverity) {
        return new Finding(check, newSeverity, path, message);
    }
}
