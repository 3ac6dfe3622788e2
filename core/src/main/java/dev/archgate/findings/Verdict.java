package dev.archgate.findings;

import java.util.Collection;
import java.util.Locale;

/** The outcome of one platform or of a whole gate. */
public enum Verdict {
    /** Everything asked for was checked and nothing failed. */
    PASS,
    /** At least one check proved the image would fail. */
    FAIL,
    /** Something could not be checked; never reported as a pass. */
    ERROR;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Combines verdicts: a proven failure outweighs an unchecked part (the release must stop
     * either way, and the failure is the more useful news), and nothing unchecked is a pass.
     * An empty collection is an error, since nothing was checked.
     */
    public static Verdict combine(Collection<Verdict> verdicts) {
        if (verdicts.isEmpty()) {
            return ERROR;
        }
        if (verdicts.contains(FAIL)) {
            return FAIL;
        }
        return verdicts.contains(ERROR) ? ERROR : PASS;
    }
}
