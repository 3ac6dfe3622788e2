package dev.archgate.jenkins.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * summary.md as the HTML of the build page: the subset the engine's summary writes (headings, one table, bullet
 * lists, {@code `code`} and {@code **bold**}). Every piece of text is escaped first, so nothing from an image or a
 * Dockerfile can inject markup into Jenkins.
 */
public final class SummaryHtml {
    private static final Pattern CODE = Pattern.compile("`([^`]*)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(.+?)\\*\\*");

    private SummaryHtml() {}

    public static String render(String markdown) {
        StringBuilder html = new StringBuilder();
        List<String> table = new ArrayList<>();
        boolean list = false;
        for (String line : markdown.split("\\R")) {
            if (!line.startsWith("|") && !table.isEmpty()) {
                table(table, html);
                table.clear();
            }
            if (!line.startsWith("- ") && list) {
                html.append("</ul>\n");
                list = false;
            }
            if (line.startsWith("|")) {
                table.add(line);
            } else if (line.startsWith("### ")) {
                html.append("<h3>").append(inline(line.substring(4))).append("</h3>\n");
            } else if (line.startsWith("## ")) {
                html.append("<h2>").append(inline(line.substring(3))).append("</h2>\n");
            } else if (line.startsWith("- ")) {
                if (!list) {
                    html.append("<ul>\n");
                    list = true;
                }
                html.append("<li>").append(inline(line.substring(2))).append("</li>\n");
            } else if (!line.isBlank()) {
                html.append("<p>").append(inline(line)).append("</p>\n");
            }
        }
        if (!table.isEmpty()) {
            table(table, html);
        }
        if (list) {
            html.append("</ul>\n");
        }
        return html.toString();
    }

    /** A markdown table: a header row, the |---| separator, then the body rows. */
    private static void table(List<String> rows, StringBuilder html) {
        html.append("<table class=\"jenkins-table archgate-summary\">\n");
        for (int i = 0; i < rows.size(); i++) {
            if (i == 1 && rows.get(i).matches("[|\\-: ]+")) {
                continue;
            }
            String cell = i == 0 ? "th" : "td";
            html.append("<tr>");
            for (String c : cells(rows.get(i))) {
                html.append('<').append(cell).append('>').append(inline(c.strip())).append("</").append(cell).append('>');
            }
            html.append("</tr>\n");
        }
        html.append("</table>\n");
    }

    private static List<String> cells(String row) {
        String inner = row.strip();
        inner = inner.substring(1, inner.endsWith("|") && inner.length() > 1 ? inner.length() - 1 : inner.length());
        return List.of(inner.split("\\|", -1));
    }

    private static String inline(String text) {
        String escaped = escape(text);
        Matcher code = CODE.matcher(escaped);
        escaped = code.replaceAll(m -> Matcher.quoteReplacement("<code>" + m.group(1) + "</code>"));
        Matcher bold = BOLD.matcher(escaped);
        return bold.replaceAll(m -> Matcher.quoteReplacement("<strong>" + m.group(1) + "</strong>"));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
