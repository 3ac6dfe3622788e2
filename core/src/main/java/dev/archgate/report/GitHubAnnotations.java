package dev.archgate.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Workflow commands for GitHub Actions: an annotation per finding, errors first, at most
 * {@value #MAX} (GitHub shows no more per step), Dockerfile findings at their file and line.
 */
public final class GitHubAnnotations {
    static final int MAX = 10;

    private GitHubAnnotations() {}

    public static List<String> render(Report report) {
        record Entry(Severity severity, String line) {}
        List<Entry> all = new ArrayList<>();
        for (Finding f : report.findings()) {
            String[] fileLine = f.path() == null ? new String[0] : f.path().split(":(?=\\d+$)");
            String location = fileLine.length == 2 ? "file=" + escapeProperty(fileLine[0]) + ",line=" + fileLine[1] + "," : "";
            all.add(new Entry(f.severity(), command(f.severity()) + " " + location + "title=" + escapeProperty(f.check().id()) + "::"
                    + escapeData(f.message())));
        }
        for (PlatformReport p : report.platforms()) {
            for (Finding f : p.findings()) {
                all.add(new Entry(f.severity(), command(f.severity()) + " title=" + escapeProperty(p.platform() + " " + f.check().id()) + "::"
                        + escapeData((f.path() == null ? "" : f.path() + ": ") + f.message())));
            }
        }
        return all.stream().filter(e -> e.severity() != Severity.INFO).sorted(Comparator.comparing(Entry::severity))
                .limit(MAX).map(Entry::line).toList();
    }

    private static String command(Severity s) {
        return s == Severity.ERROR ? "::error" : "::warning";
    }

    private static String escapeData(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    private static String escapeProperty(String s) {
        return escapeData(s).replace(":", "%3A").replace(",", "%2C");
    }
}
