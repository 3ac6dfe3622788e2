package dev.archgate.findings;

import java.io.Serializable;

/**
 * What a run was asked to check of one platform, and how much of it ran to its end. A platform
 * passes only when all of it did: check levels silence findings, never missing work.
 *
 * @param audit whether the static audit was asked for
 * @param auditRead whether the audit read every layer of the platform's variant
 * @param smokeTests how many smoke tests were asked for
 * @param interrupted whether the run was stopped before this platform was finished
 */
public record Coverage(boolean audit, boolean auditRead, int smokeTests, boolean interrupted) implements Serializable {
    /** The work asked of a platform, none of it done yet. */
    public static Coverage asked(boolean audit, int smokeTests) {
        return new Coverage(audit, false, smokeTests, false);
    }

    /** The same, with every layer of the variant read by the audit. */
    public Coverage withAuditRead() {
        return new Coverage(audit, true, smokeTests, interrupted);
    }

    public Coverage withInterrupt() {
        return new Coverage(audit, auditRead, smokeTests, true);
    }

    /** Why this coverage leaves the platform unchecked, given the smoke results it has; null when complete. */
    String gap(int smokeResults) {
        if (!audit && smokeTests == 0) {
            return "no check was asked for";
        }
        if (audit && !auditRead) {
            return "the static audit did not read its layers";
        }
        if (smokeResults < smokeTests) {
            return smokeTests + " smoke test" + (smokeTests == 1 ? " was" : "s were") + " asked for and " + smokeResults + " ran";
        }
        return null;
    }
}
