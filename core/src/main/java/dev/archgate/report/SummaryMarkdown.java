package dev.archgate.report;

import dev.archgate.findings.Report;
import java.util.List;

/** summary.md (and a workflow's step summary): the {@link Summary} of a report as Markdown, its blocks a blank line apart. */
public final class SummaryMarkdown {
    private SummaryMarkdown() {}

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        for (Summary.Block block : Summary.of(report)) {
            if (!md.isEmpty()) {
                md.append('\n');
            }
            if (block instanceof Summary.Heading h) {
                md.append("#".repeat(h.level())).append(' ').append(inline(h.text())).append('\n');
            } else if (block instanceof Summary.Paragraph p) {
                md.append(inline(p.text())).append('\n');
            } else if (block instanceof Summary.Table t) {
                for (int i = 0; i < t.rows().size(); i++) {
                    md.append("| ").append(String.join(" | ", t.rows().get(i).stream().map(SummaryMarkdown::inline).toList())).append(" |\n");
                    if (i == 0) {
                        md.append('|').append("---|".repeat(t.rows().get(0).size())).append('\n');
                    }
                }
            } else if (block instanceof Summary.Bullets b) {
                b.items().forEach(item -> md.append("- ").append(inline(item)).append('\n'));
            }
        }
        return md.toString();
    }

    private static String inline(List<Summary.Span> spans) {
        StringBuilder out = new StringBuilder();
        for (Summary.Span s : spans) {
            switch (s.kind()) {
                case TEXT -> out.append(s.text());
                case CODE -> out.append('`').append(s.text()).append('`');
                case BOLD -> out.append("**").append(s.text()).append("**");
            }
        }
        return out.toString();
    }
}
