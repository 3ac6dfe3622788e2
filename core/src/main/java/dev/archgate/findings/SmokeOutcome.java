package dev.archgate.findings;

import java.io.Serializable;
import java.util.Objects;
import java.util.Optional;

/**
 * How one smoke run ended: it passed, or the check it failed decided it. A typed value, so a
 * verdict asks the check itself (environmental or not) instead of looking an id up again, and a
 * report can hold no outcome this archgate does not know. Written to report.json as its id:
 * {@code "passed"} or the check's id.
 */
public final class SmokeOutcome implements Serializable {
    private static final long serialVersionUID = 1L;
    private static final String PASSED_ID = "passed";

    public static final SmokeOutcome PASSED = new SmokeOutcome(null);

    /** null for a pass. */
    private final Check failedBy;

    private SmokeOutcome(Check failedBy) {
        this.failedBy = failedBy;
    }

    /** The outcome of a run that {@code check} failed. */
    public static SmokeOutcome failedBy(Check check) {
        return new SmokeOutcome(Objects.requireNonNull(check, "check"));
    }

    /** The outcome {@code id} names ("passed" or a check's id); empty for an id this archgate does not know. */
    public static Optional<SmokeOutcome> fromId(String id) {
        return PASSED_ID.equals(id) ? Optional.of(PASSED) : Check.fromId(id).map(SmokeOutcome::failedBy);
    }

    public boolean passed() {
        return failedBy == null;
    }

    /** The check that failed the run; empty when it passed. */
    public Optional<Check> check() {
        return Optional.ofNullable(failedBy);
    }

    /** Whether {@code check} failed the run. */
    public boolean is(Check check) {
        return failedBy == check;
    }

    /** The run could not check the image here (the engine, the emulator), rather than found it broken. */
    public boolean environmental() {
        return failedBy != null && failedBy.environmental();
    }

    /** As report.json writes it: "passed" or the check's id. */
    public String id() {
        return failedBy == null ? PASSED_ID : failedBy.id();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SmokeOutcome other && other.failedBy == failedBy;
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(failedBy);
    }

    @Override
    public String toString() {
        return id();
    }
}
