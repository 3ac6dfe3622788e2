package dev.archgate.jenkins.mapping;

import dev.archgate.report.Finding;
import dev.archgate.report.PlatformReport;
import dev.archgate.report.Report;
import dev.archgate.report.Severity;
import dev.archgate.report.SmokeResult;
import dev.archgate.report.SummaryMarkdown;
import dev.archgate.report.Verdict;
import java.util.List;
import java.util.Optional;

/**
 * The one line a build log ends with when the gate did not pass: the first platform that failed (or could not be
 * checked), its first error (check id, path, message), the Dockerfile line most likely to blame, and which other
 * platforms failed. Whoever reads only this line knows where to look.
 */
public final class RootCause {
    private RootCause() {}

    public static String of(Report report) {
        Verdict worst = report.verdict() == Verdict.PASS ? Verdict.FAIL : report.verdict();
        List<PlatformReport> bad = report.platforms().stream().filter(p -> p.verdict() != Verdict.PASS).toList();
        Optional<PlatformReport> first = bad.stream().filter(p -> p.verdict() == worst).findFirst().or(() -> bad.stream().findFirst());
        StringBuilder line = new StringBuilder("archgate: ").append(report.verdict() == Verdict.ERROR ? "could not check " : "gate failed: ");
        if (first.isPresent()) {
            PlatformReport p = first.get();
            line.append(p.platform()).append(' ').append(firstError(p));
            List<Finding> causes = SummaryMarkdown.likelyCauses(report);
            if (!causes.isEmpty() && report.verdict() == Verdict.FAIL) {
                Finding cause = causes.get(0);
                line.append("; likely cause ").append(cause.path()).append(": ").append(cause.message());
            }
            List<String> others = bad.stream().filter(o -> o != p).map(o -> o.platform() + " (" + o.verdict().id() + ")").toList();
            if (!others.isEmpty()) {
                line.append("; also ").append(String.join(", ", others));
            }
        } else {
            Optional<Finding> imageWide = report.findings().stream().filter(f -> f.severity() == Severity.ERROR).findFirst();
            line.append(imageWide.map(RootCause::describe).orElse("no platform was checked"));
        }
        return line.toString();
    }

    private static String firstError(PlatformReport p) {
        Optional<Finding> finding = p.findings().stream().filter(f -> f.severity() == Severity.ERROR).findFirst();
        if (finding.isPresent()) {
            return describe(finding.get());
        }
        return p.smoke().stream().filter(s -> !s.passed()).findFirst().map(RootCause::describe).orElse(p.verdict().id());
    }

    static String describe(Finding f) {
        return f.check().id() + (f.path() == null ? "" : " " + f.path()) + ": " + f.message();
    }

    private static String describe(SmokeResult s) {
        return s.outcome() + " in smoke test '" + s.name() + "'" + (s.exitCode() == null ? "" : " (exit " + s.exitCode() + ")")
                + (s.detail().isEmpty() ? "" : ": " + s.detail());
    }
}
