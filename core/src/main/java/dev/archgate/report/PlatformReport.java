package dev.archgate.report;

import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.io.Serializable;
import java.util.Objects;

/**
 * Everything archgate found about one platform, with the verdict those findings imply.
 *
 * @param size the variant's size figures, null when its layers were not audited
 */
public record PlatformReport(Platform platform, Verdict verdict, List<Finding> findings, List<SmokeResult> smoke, SizeSummary size)
        implements Serializable {
    public PlatformReport {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        smoke = List.copyOf(smoke);
    }

    /**
     * Derives the verdict: an environmental finding makes it error, any other error finding or
     * failed smoke run fail.
     */
    public static PlatformReport of(Platform platform, List<Finding> findings, List<SmokeResult> smoke) {
        List<Verdict> parts = new ArrayList<>();
        parts.add(Verdict.PASS);
        for (Finding f : findings) {
            if (f.severity() == Severity.ERROR) {
                parts.add(f.check().environmental() ? Verdict.ERROR : Verdict.FAIL);
            }
        }
        for (SmokeResult s : smoke) {
            if (!s.passed()) {
                parts.add(Check.fromId(s.outcome()).map(Check::environmental).orElse(false) ? Verdict.ERROR : Verdict.FAIL);
            }
        }
        return new PlatformReport(platform, Verdict.combine(parts), findings, smoke, null);
    }

    public PlatformReport withSize(SizeSummary newSize) {
        return new PlatformReport(platform, verdict, findings, smoke, newSize);
    }

    /** This report with more findings, its verdict derived again. */
    public PlatformReport adding(List<Finding> more) {
        List<Finding> all = new ArrayList<>(findings);
        all.addAll(more);
        return of(platform, all, smoke).withSize(size);
    }
}
