package dev.archgate.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * summary.md: first a platform-by-check table taken in at a glance, then each finding with its
 * cause and fix, and for a platform holding foreign code the Dockerfile line most likely to have
 * put it there.
 */
public final class SummaryMarkdown {
    private static final String PASS = "✅";
    private static final String FAIL = "❌";
    private static final String WARN = "⚠️";
    private static final String ERROR = "⛔";

    private SummaryMarkdown() {}

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("## archgate: ").append(verdictWord(report.verdict())).append(" — `").append(report.image()).append("`\n\n");
        if (report.digest() != null) {
            md.append("Digest `").append(report.digest()).append("`\n\n");
        }
        Set<String> columns = new LinkedHashSet<>();
        for (PlatformReport p : report.platforms()) {
            p.findings().stream().filter(f -> f.severity() != Severity.INFO).forEach(f -> columns.add(f.check().id()));
        }
        for (PlatformReport p : report.platforms()) {
            p.smoke().forEach(s -> columns.add("smoke: " + s.name()));
        }
        md.append("| platform | verdict |");
        columns.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|---|");
        columns.forEach(c -> md.append("---|"));
        md.append('\n');
        for (PlatformReport p : report.platforms()) {
            md.append("| ").append(p.platform()).append(" | ").append(symbol(p.verdict())).append(' ').append(p.verdict().id()).append(" |");
            for (String c : columns) {
                md.append(' ').append(cell(p, c)).append(" |");
            }
            md.append('\n');
        }
        ranOn(report, md);
        sizeTable(report, md);
        variantNotes(report, md);
        List<Finding> causes = RootCause.likelyCauses(report);
        for (PlatformReport p : report.platforms()) {
            List<Finding> shown = p.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
            List<SmokeResult> failed = p.smoke().stream().filter(s -> !s.passed()).toList();
            if (shown.isEmpty() && failed.isEmpty()) {
                continue;
            }
            md.append("\n### ").append(p.platform()).append(" — ").append(p.verdict().id()).append("\n\n");
            for (Finding f : shown) {
                md.append("- ").append(findingSymbol(f)).append(" **").append(f.check().id()).append("**")
                        .append(f.path() == null ? "" : " `" + f.path() + "`").append(": ").append(f.message()).append('\n');
            }
            for (SmokeResult s : failed) {
                md.append("- ").append(FAIL).append(" **").append(s.outcome()).append("** smoke test `").append(s.name()).append('`')
                        .append(s.exitCode() == null ? "" : " (exit " + s.exitCode() + ")")
                        .append(s.detail().isEmpty() ? "" : ": " + s.detail()).append('\n');
            }
            if (holdsForeignCode(p) && !causes.isEmpty()) {
                Finding cause = causes.get(0);
                md.append("- Likely cause: `").append(cause.path()).append("` — ").append(cause.message()).append('\n');
            }
        }
        List<Finding> imageWide = report.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
        if (!imageWide.isEmpty()) {
            md.append("\n### Dockerfile\n\n");
            for (Finding f : imageWide) {
                md.append("- ").append(f.severity() == Severity.ERROR ? FAIL : WARN).append(" **").append(f.check().id()).append("** `")
                        .append(f.path()).append("`: ").append(f.message()).append('\n');
            }
        }
        return md.toString();
    }

    /** Where each platform's smoke runs ran, when more than one engine shared the work (engines:, or a merge of split runs). */
    private static void ranOn(Report report, StringBuilder md) {
        Set<String> engines = new LinkedHashSet<>();
        report.platforms().forEach(p -> p.smoke().stream().map(SmokeResult::engine).filter(e -> e != null).forEach(engines::add));
        if (engines.size() < 2) {
            return;
        }
        md.append("\nRan on: ");
        List<String> parts = new ArrayList<>();
        for (PlatformReport p : report.platforms()) {
            p.smoke().stream().filter(s -> s.engine() != null).findFirst()
                    .ifPresent(s -> parts.add(p.platform() + " — " + s.engine() + ", " + s.execution().id()));
        }
        md.append(String.join("; ", parts)).append('\n');
    }

    /** How the variants' program chains differ where no platform fails by it (variant.differs as info), each difference once. */
    private static void variantNotes(Report report, StringBuilder md) {
        Set<String> notes = new LinkedHashSet<>();
        report.platforms().forEach(p -> p.findings().stream().filter(f -> f.severity() == Severity.INFO && f.check() == Check.VARIANT_DIFFERS)
                .forEach(f -> notes.add(f.message())));
        if (!notes.isEmpty()) {
            md.append("\nHow the variants differ (info):\n");
            notes.forEach(n -> md.append("- ").append(n).append('\n'));
        }
    }

    /** Each audited variant's size: what a node pulls, what it unpacks, what no container sees. */
    private static void sizeTable(Report report, StringBuilder md) {
        List<PlatformReport> sized = report.platforms().stream().filter(p -> p.size() != null).toList();
        if (sized.isEmpty()) {
            return;
        }
        md.append("\n| platform | compressed | unpacked | wasted | largest paths |\n|---|---|---|---|---|\n");
        for (PlatformReport p : sized) {
            SizeSummary s = p.size();
            List<String> largest = s.largest().stream().map(x -> "`" + x.path() + "` " + SizeSummary.human(x.bytes())).toList();
            md.append("| ").append(p.platform()).append(" | ").append(SizeSummary.human(s.compressed())).append(" | ")
                    .append(SizeSummary.human(s.unpacked())).append(" | ").append(SizeSummary.human(s.wasted())).append(" | ")
                    .append(largest.isEmpty() ? "—" : String.join(", ", largest)).append(" |\n");
        }
    }

    private static boolean holdsForeignCode(PlatformReport p) {
        return p.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR
                && (f.check() == Check.ELF_ARCH_MISMATCH || f.check() == Check.PLATFORM_LABEL_MISMATCH))
                || p.smoke().stream().anyMatch(s -> s.outcome().equals(Check.SMOKE_EXEC_FORMAT_ERROR.id()));
    }

    private static String cell(PlatformReport p, String column) {
        if (column.startsWith("smoke: ")) {
            String name = column.substring("smoke: ".length());
            return p.smoke().stream().filter(s -> s.name().equals(name)).findFirst()
                    .map(s -> s.passed() ? PASS : FAIL + " " + s.outcome()).orElse("—");
        }
        List<Finding> here = p.findings().stream().filter(f -> f.check().id().equals(column)).toList();
        if (here.isEmpty()) {
            return "—";
        }
        boolean error = here.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        if (error && here.get(0).check().environmental()) {
            return ERROR;
        }
        return (error ? FAIL : WARN) + (here.size() > 1 ? " ×" + here.size() : "");
    }

    private static String findingSymbol(Finding f) {
        if (f.severity() != Severity.ERROR) {
            return WARN;
        }
        return f.check().environmental() ? ERROR : FAIL;
    }

    private static String symbol(Verdict v) {
        return switch (v) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case ERROR -> ERROR;
        };
    }

    private static String verdictWord(Verdict v) {
        return v.id().toUpperCase(Locale.ROOT);
    }
}
