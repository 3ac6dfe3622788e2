package dev.archgate.cli;

import dev.archgate.gate.ExitStatus;
import dev.archgate.report.Report;
import dev.archgate.report.ReportFiles;
import dev.archgate.report.ReportJson;
import dev.archgate.report.ReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The output options every command shares, and the exit status a report maps to. */
final class ReportOutput {
    enum Format { text, json }

    @Option(names = "--report-dir", paramLabel = "DIR", description = "Write report.json, junit.xml and summary.md here.")
    Path reportDir;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            description = "Standard output: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    /** Prints the report, writes the report files when asked, and returns the contract's exit status. */
    int emit(Report report, PrintWriter out) {
        out.print(format == Format.json ? ReportJson.toJson(report) : ReportText.render(report));
        out.flush();
        if (reportDir != null) {
            try {
                ReportFiles.write(report, reportDir);
            } catch (IOException e) {
                throw new UserErrors.UsageException("cannot write the reports to " + reportDir + " (" + e.getMessage()
                        + "): choose a writable --report-dir");
            }
        }
        return ExitStatus.of(report.verdict());
    }
}
