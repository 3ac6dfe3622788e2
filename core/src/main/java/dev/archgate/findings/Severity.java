package dev.archgate.findings;

import java.util.Locale;

/** How much a finding weighs: only errors fail a platform. */
public enum Severity {
    ERROR, WARNING, INFO;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
