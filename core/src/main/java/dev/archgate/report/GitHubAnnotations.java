package dev.archgate.report;

import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import java.util.ArrayList;
import java.util.List;

/**
 * Workflow commands for GitHub Actions: an annotation per finding, errors first, Dockerfile
 * findings at their file and line. GitHub keeps at most {@value #MAX} annotations of each type
 * (error, warning, notice) per step (the runner's ExecutionContext counts them per type; GitHub's
 * workflow-commands documentation says the same), so each type is cut at {@value #MAX} and one
 * notice says how many more the job summary and report.json hold.
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
        List<String> lines = new ArrayList<>();
        List<String> more = new ArrayList<>();
        for (Severity type : List.of(Severity.ERROR, Severity.WARNING)) {
            List<String> ofType = all.stream().filter(e -> e.severity() == type).map(Entry::line).toList();
            lines.addAll(ofType.subList(0, Math.min(MAX, ofType.size())));
            if (ofType.size() > MAX) {
                int left = ofType.size() - MAX;
                more.add(left + " more " + (type == Severity.ERROR ? "error" : "warning") + (left == 1 ? "" : "s"));
            }
        }
        if (!more.isEmpty()) {
            lines.add("::notice title=archgate::" + String.join(" and ", more) + " than GitHub shows per step are in the job summary "
                    + "and report.json");
        }
        return lines;
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
