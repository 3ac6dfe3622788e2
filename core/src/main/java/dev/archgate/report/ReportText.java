package dev.archgate.report;

import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.SmokeResult;
import java.util.List;
import java.util.Locale;

/**
 * The plain-text rendering for a CI log: one line per platform with its verdict, then its error
 * and warning findings and failed smoke runs indented below it, so the cause is read in one look.
 */
public final class ReportText {
    private ReportText() {}

    public static String render(Report report) {
        StringBuilder out = new StringBuilder();
        findings(report.findings(), out);
        for (PlatformReport p : report.platforms()) {
            out.append(String.format(Locale.ROOT, "%-16s %s%n", p.platform(), p.verdict().id().toUpperCase(Locale.ROOT)));
            findings(p.findings(), out);
            for (SmokeResult s : p.smoke()) {
                out.append(String.format(Locale.ROOT, "  smoke   %s: %s%s (%d ms)%n", s.name(), s.outcome().id(),
                        s.detail().isEmpty() ? "" : " - " + s.detail(), s.durationMs()));
            }
        }
        out.append(String.format(Locale.ROOT, "%s %s%s%n", report.verdict().id().toUpperCase(Locale.ROOT), report.image(),
                report.digest() == null ? "" : " (" + report.digest() + ")"));
        return out.toString();
    }

    private static void findings(List<Finding> findings, StringBuilder out) {
        for (Finding f : findings) {
            if (f.severity() != Severity.INFO) {
                out.append(String.format(Locale.ROOT, "  %-7s %s%s: %s%n", f.severity().id(), f.check().id(),
                        f.path() == null ? "" : " " + f.path(), f.message()));
            }
        }
    }
}
