package dev.archgate.findings;

import dev.archgate.platform.Platform;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Everything archgate found about one platform, with the verdict those findings and the work done
 * imply.
 *
 * @param reason for an error verdict, why the platform is unchecked: {@code interrupted},
 *     {@code not-checked}, or the id of the environmental check that stopped it; null otherwise
 * @param size the variant's size figures, null when its layers were not audited
 */
public record PlatformReport(Platform platform, Verdict verdict, String reason, List<Finding> findings, List<SmokeResult> smoke,
                             SizeSummary size) implements Serializable {
    public static final String INTERRUPTED = "interrupted";
    public static final String NOT_CHECKED = "not-checked";

    public PlatformReport {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        smoke = List.copyOf(smoke);
    }

    /**
     * Earns the verdict. A platform starts unchecked: a proven failure (an error finding or failed
     * smoke run of the image) makes it fail; otherwise an environmental finding, an interrupt, or
     * work asked for that did not run to its end keeps it an error; only the rest passes.
     */
    public static PlatformReport of(Platform platform, Coverage coverage, List<Finding> findings, List<SmokeResult> smoke) {
        boolean failed = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR && !f.check().environmental())
                || smoke.stream().anyMatch(s -> !s.passed() && !s.outcome().environmental());
        if (failed) {
            return new PlatformReport(platform, Verdict.FAIL, null, findings, smoke, null);
        }
        String environmental = findings.stream().filter(f -> f.severity() == Severity.ERROR).map(f -> f.check().id()).findFirst()
                .orElse(smoke.stream().filter(s -> !s.passed()).map(s -> s.outcome().id()).findFirst().orElse(null));
        if (coverage.interrupted()) {
            List<Finding> all = new ArrayList<>(findings);
            all.add(Finding.error(Check.RUN_INTERRUPTED, null, "the run was interrupted before " + platform + " was checked to the end"));
            return new PlatformReport(platform, Verdict.ERROR, INTERRUPTED, all, smoke, null);
        }
        if (environmental != null) {
            return new PlatformReport(platform, Verdict.ERROR, environmental, findings, smoke, null);
        }
        String gap = coverage.gap(smoke.size());
        if (gap != null) {
            List<Finding> all = new ArrayList<>(findings);
            all.add(Finding.error(Check.PLATFORM_NOT_CHECKED, null, platform + " was not checked: " + gap
                    + "; a silenced finding never stands in for a check that did not run"));
            return new PlatformReport(platform, Verdict.ERROR, NOT_CHECKED, all, smoke, null);
        }
        return new PlatformReport(platform, Verdict.PASS, null, findings, smoke, null);
    }

    /**
     * A platform report read back from report.json (for a merge): its verdict derived again from
     * what it holds, and the stated reason of an unchecked platform kept, so no edit of the verdict
     * alone can turn it into a pass.
     */
    public static PlatformReport readBack(Platform platform, String reason, List<Finding> findings, List<SmokeResult> smoke) {
        PlatformReport derived = of(platform, new Coverage(true, true, smoke.size(), false), findings, smoke);
        if (reason == null || derived.verdict() == Verdict.FAIL) {
            return derived;
        }
        return new PlatformReport(platform, Verdict.ERROR, reason, findings, smoke, null);
    }

    public PlatformReport withSize(SizeSummary newSize) {
        return new PlatformReport(platform, verdict, reason, findings, smoke, newSize);
    }

    /** This report with more findings (the design checks that compare variants), its verdict derived again. */
    public PlatformReport adding(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return readBack(platform, reason, all, smoke).withSize(size);
    }

    /** A platform the run was stopped before it finished: an error, whatever it had found so far. */
    public static PlatformReport interrupted(Platform platform) {
        return of(platform, Coverage.asked(false, 0).withInterrupt(), List.of(), List.of());
    }
}
