package dev.archgate.report;

import dev.archgate.findings.Report;
import java.util.List;

/**
 * The {@link Summary} of a report as HTML, for a page that shows it (the Jenkins build page): headings, paragraphs, one
 * table per table, bullet lists, {@code <code>} and {@code <strong>}. Every piece of text is escaped, so nothing from an
 * image or a Dockerfile can inject markup into the page.
 */
public final class SummaryHtml {
    private SummaryHtml() {}

    /** @param tableClass the class attribute of each table, the page's own table style */
    public static String render(Report report, String tableClass) {
        StringBuilder html = new StringBuilder();
        for (Summary.Block block : Summary.of(report)) {
            if (block instanceof Summary.Heading h) {
                html.append("<h").append(h.level()).append('>').append(inline(h.text())).append("</h").append(h.level()).append(">\n");
            } else if (block instanceof Summary.Paragraph p) {
                html.append("<p>").append(inline(p.text())).append("</p>\n");
            } else if (block instanceof Summary.Table t) {
                html.append("<table class=\"").append(escape(tableClass)).append("\">\n");
                for (int i = 0; i < t.rows().size(); i++) {
                    String cell = i == 0 ? "th" : "td";
                    html.append("<tr>");
                    for (List<Summary.Span> c : t.rows().get(i)) {
                        html.append('<').append(cell).append('>').append(inline(c)).append("</").append(cell).append('>');
                    }
                    html.append("</tr>\n");
                }
                html.append("</table>\n");
            } else if (block instanceof Summary.Bullets b) {
                html.append("<ul>\n");
                b.items().forEach(item -> html.append("<li>").append(inline(item)).append("</li>\n"));
                html.append("</ul>\n");
            }
        }
        return html.toString();
    }

    private static String inline(List<Summary.Span> spans) {
        StringBuilder out = new StringBuilder();
        for (Summary.Span s : spans) {
            switch (s.kind()) {
                case TEXT -> out.append(escape(s.text()));
                case CODE -> out.append("<code>").append(escape(s.text())).append("</code>");
                case BOLD -> out.append("<strong>").append(escape(s.text())).append("</strong>");
            }
        }
        return out.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
