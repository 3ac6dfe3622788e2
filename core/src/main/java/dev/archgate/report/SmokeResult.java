package dev.archgate.report;

import java.io.Serializable;
import java.util.Objects;

/**
 * One smoke run of one platform. {@code exitCode} is null when the container never exited (a
 * timeout, a service still running, or a start that failed). {@code outcome} is "passed" or the
 * id of the check that failed it; {@code detail} quotes the evidence (the runtime's error line,
 * the unmatched output) so the cause is readable without the logs.
 */
public record SmokeResult(String name, Integer exitCode, String outcome, long durationMs, String detail) implements Serializable {
    public static final String PASSED = "passed";

    public SmokeResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    public boolean passed() {
        return PASSED.equals(outcome);
    }
}
