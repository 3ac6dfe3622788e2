package dev.archgate.spec;

import dev.archgate.findings.Severity;
import java.util.Optional;

/** What archgate.yml's {@code checks:} may set a check id to: a severity, or off. */
public enum CheckLevel {
    ERROR(Severity.ERROR), WARNING(Severity.WARNING), INFO(Severity.INFO), OFF(null);

    private final Severity severity;

    CheckLevel(Severity severity) {
        this.severity = severity;
    }

    /** The severity to report with; empty when the check is switched off. */
    public Optional<Severity> severity() {
        return Optional.ofNullable(severity);
    }
}
