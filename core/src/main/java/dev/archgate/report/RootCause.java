package dev.archgate.report;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.SmokeResult;
import dev.archgate.findings.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Where to look first, for every adapter: the one line a build log ends with when the gate did not pass: the first platform that failed (or could not be
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
            List<Finding> causes = likelyCauses(report);
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

    /**
     * The Dockerfile lines most likely to have put foreign code in the image (a hard-coded
     * architecture, a FROM pinned to one platform), errors first.
     */
    public static List<Finding> likelyCauses(Report report) {
        List<Finding> out = new ArrayList<>();
        for (Severity severity : List.of(Severity.ERROR, Severity.WARNING)) {
            for (Check check : List.of(Check.DOCKERFILE_HARDCODED_ARCH, Check.DOCKERFILE_FROM_PLATFORM_CONSTANT)) {
                report.findings().stream().filter(f -> f.check() == check && f.severity() == severity).forEach(out::add);
            }
        }
        return out;
    }

    /** A finding in one line: check id, path, message. */
    public static String describe(Finding f) {
        return f.check().id() + (f.path() == null ? "" : " " + f.path()) + ": " + f.message();
    }

    private static String describe(SmokeResult s) {
        return s.outcome().id() + " in smoke test '" + s.name() + "'" + (s.exitCode() == null ? "" : " (exit " + s.exitCode() + ")")
                + (s.detail().isEmpty() ? "" : ": " + s.detail());
    }
}
