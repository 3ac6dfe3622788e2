package dev.archgate.report;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.SizeSummary;
import dev.archgate.findings.SmokeResult;
import dev.archgate.findings.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * What the summary of a gate says, as a document of a few kinds of blocks: first a platform-by-check table taken in at
 * a glance, then each finding with its cause and fix, and for a platform holding foreign code the Dockerfile line most
 * likely to have put it there. One document, written as Markdown for summary.md and a workflow's step summary
 * ({@link SummaryMarkdown}) and as HTML for a Jenkins build page ({@link SummaryHtml}), so the two cannot drift and
 * neither reads the other back.
 */
final class Summary {
    private static final String PASS = "✅";
    private static final String FAIL = "❌";
    private static final String WARN = "⚠️";
    private static final String ERROR = "⛔";

    /** A piece of text: plain, code or strong. */
    record Span(Kind kind, String text) {
        enum Kind { TEXT, CODE, BOLD }
    }

    /** One block of the document. */
    sealed interface Block permits Heading, Paragraph, Table, Bullets {}

    record Heading(int level, List<Span> text) implements Block {}

    record Paragraph(List<Span> text) implements Block {}

    /** A table, its first row the header. */
    record Table(List<List<List<Span>>> rows) implements Block {}

    record Bullets(List<List<Span>> items) implements Block {}

    private Summary() {}

    static List<Block> of(Report report) {
        List<Block> doc = new ArrayList<>();
        doc.add(new Heading(2, List.of(text("archgate: " + report.verdict().id().toUpperCase(Locale.ROOT) + " — "), code(report.image()))));
        if (report.digest() != null) {
            doc.add(new Paragraph(List.of(text("Digest "), code(report.digest()))));
        }
        doc.add(checkTable(report));
        ranOn(report, doc);
        sizeTable(report, doc);
        variantNotes(report, doc);
        List<Finding> causes = RootCause.likelyCauses(report);
        for (PlatformReport p : report.platforms()) {
            List<Finding> shown = p.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
            List<SmokeResult> failed = p.smoke().stream().filter(s -> !s.passed()).toList();
            if (shown.isEmpty() && failed.isEmpty()) {
                continue;
            }
            doc.add(new Heading(3, List.of(text(p.platform() + " — " + p.verdict().id()))));
            List<List<Span>> items = new ArrayList<>();
            for (Finding f : shown) {
                List<Span> item = new ArrayList<>(List.of(text(findingSymbol(f) + " "), bold(f.check().id())));
                if (f.path() != null) {
                    item.addAll(List.of(text(" "), code(f.path())));
                }
                item.add(text(": " + f.message()));
                items.add(item);
            }
            for (SmokeResult s : failed) {
                items.add(List.of(text(FAIL + " "), bold(s.outcome().id()), text(" smoke test "), code(s.name()),
                        text((s.exitCode() == null ? "" : " (exit " + s.exitCode() + ")") + (s.detail().isEmpty() ? "" : ": " + s.detail()))));
            }
            if (holdsForeignCode(p) && !causes.isEmpty()) {
                Finding cause = causes.get(0);
                items.add(List.of(text("Likely cause: "), code(cause.path()), text(" — " + cause.message())));
            }
            doc.add(new Bullets(items));
        }
        List<Finding> imageWide = report.findings().stream().filter(f -> f.severity() != Severity.INFO).toList();
        if (!imageWide.isEmpty()) {
            doc.add(new Heading(3, List.of(text("Dockerfile"))));
            doc.add(new Bullets(imageWide.stream().map(f -> List.of(text((f.severity() == Severity.ERROR ? FAIL : WARN) + " "),
                    bold(f.check().id()), text(" "), code(f.path()), text(": " + f.message()))).toList()));
        }
        return doc;
    }

    private static Table checkTable(Report report) {
        Set<String> columns = new LinkedHashSet<>();
        for (PlatformReport p : report.platforms()) {
            p.findings().stream().filter(f -> f.severity() != Severity.INFO).forEach(f -> columns.add(f.check().id()));
        }
        for (PlatformReport p : report.platforms()) {
            p.smoke().forEach(s -> columns.add("smoke: " + s.name()));
        }
        List<List<List<Span>>> rows = new ArrayList<>();
        List<List<Span>> header = new ArrayList<>(List.of(List.of(text("platform")), List.of(text("verdict"))));
        columns.forEach(c -> header.add(List.of(text(c))));
        rows.add(header);
        for (PlatformReport p : report.platforms()) {
            List<List<Span>> row = new ArrayList<>(List.of(List.of(text(p.platform().toString())),
                    List.of(text(symbol(p.verdict()) + " " + p.verdict().id()))));
            columns.forEach(c -> row.add(List.of(text(cell(p, c)))));
            rows.add(row);
        }
        return new Table(rows);
    }

    /** Where each platform's smoke runs ran, when more than one engine shared the work (engines:, or a merge of split runs). */
    private static void ranOn(Report report, List<Block> doc) {
        Set<String> engines = new LinkedHashSet<>();
        report.platforms().forEach(p -> p.smoke().stream().map(SmokeResult::engine).filter(e -> e != null).forEach(engines::add));
        if (engines.size() < 2) {
            return;
        }
        List<String> parts = new ArrayList<>();
        for (PlatformReport p : report.platforms()) {
            p.smoke().stream().filter(s -> s.engine() != null).findFirst()
                    .ifPresent(s -> parts.add(p.platform() + " — " + s.engine() + ", " + s.execution().id()));
        }
        doc.add(new Paragraph(List.of(text("Ran on: " + String.join("; ", parts)))));
    }

    /** How the variants' program chains differ where no platform fails by it (variant.differs as info), each difference once. */
    private static void variantNotes(Report report, List<Block> doc) {
        Set<String> notes = new LinkedHashSet<>();
        report.platforms().forEach(p -> p.findings().stream().filter(f -> f.severity() == Severity.INFO && f.check() == Check.VARIANT_DIFFERS)
                .forEach(f -> notes.add(f.message())));
        if (!notes.isEmpty()) {
            doc.add(new Paragraph(List.of(text("How the variants differ (info):"))));
            doc.add(new Bullets(notes.stream().map(n -> List.of(text(n))).toList()));
        }
    }

    /** Each audited variant's size: what a node pulls, what it unpacks, what no container sees. */
    private static void sizeTable(Report report, List<Block> doc) {
        List<PlatformReport> sized = report.platforms().stream().filter(p -> p.size() != null).toList();
        if (sized.isEmpty()) {
            return;
        }
        List<List<List<Span>>> rows = new ArrayList<>();
        rows.add(List.of(List.of(text("platform")), List.of(text("compressed")), List.of(text("unpacked")), List.of(text("wasted")),
                List.of(text("largest paths"))));
        for (PlatformReport p : sized) {
            SizeSummary s = p.size();
            List<Span> largest = new ArrayList<>();
            for (SizeSummary.PathBytes x : s.largest()) {
                if (!largest.isEmpty()) {
                    largest.add(text(", "));
                }
                largest.addAll(List.of(code(x.path()), text(" " + SizeSummary.human(x.bytes()))));
            }
            rows.add(List.of(List.of(text(p.platform().toString())), List.of(text(SizeSummary.human(s.compressed()))),
                    List.of(text(SizeSummary.human(s.unpacked()))), List.of(text(SizeSummary.human(s.wasted()))),
                    largest.isEmpty() ? List.of(text("—")) : largest));
        }
        doc.add(new Table(rows));
    }

    private static boolean holdsForeignCode(PlatformReport p) {
        return p.findings().stream().anyMatch(f -> f.severity() == Severity.ERROR
                && (f.check() == Check.ELF_ARCH_MISMATCH || f.check() == Check.PLATFORM_LABEL_MISMATCH))
                || p.smoke().stream().anyMatch(s -> s.outcome().is(Check.SMOKE_EXEC_FORMAT_ERROR));
    }

    private static String cell(PlatformReport p, String column) {
        if (column.startsWith("smoke: ")) {
            String name = column.substring("smoke: ".length());
            return p.smoke().stream().filter(s -> s.name().equals(name)).findFirst()
                    .map(s -> s.passed() ? PASS : FAIL + " " + s.outcome().id()).orElse("—");
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

    private static Span text(String s) {
        return new Span(Span.Kind.TEXT, s);
    }

    private static Span code(String s) {
        return new Span(Span.Kind.CODE, String.valueOf(s)); // as the Markdown always wrote it, "null" where a finding has no path
    }

    private static Span bold(String s) {
        return new Span(Span.Kind.BOLD, s);
    }
}
