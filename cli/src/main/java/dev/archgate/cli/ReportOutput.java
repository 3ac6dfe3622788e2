package dev.archgate.cli;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Report;
import dev.archgate.gate.ExitStatus;
import dev.archgate.report.ReportFiles;
import dev.archgate.report.ReportJson;
import dev.archgate.report.ReportText;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
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

    /**
     * Makes sure the reports can be written, before any work starts: a directory that cannot be
     * written is the user's to fix, and finding it after a long gate wastes the run.
     */
    void prepare() {
        if (reportDir == null) {
            return;
        }
        try {
            Files.createDirectories(reportDir);
            Files.delete(Files.createTempFile(reportDir, ".archgate-", ".probe"));
        } catch (IOException | RuntimeException e) {
            throw ArchgateException.usage("cannot write the reports to " + reportDir + " (" + describe(e)
                    + "): choose a writable --report-dir");
        }
    }

    /** Prints the report, writes the report files when asked, and returns the contract's exit status. */
    int emit(Report report, PrintWriter out) {
        out.print(format == Format.json ? ReportJson.toJson(report) : ReportText.render(report));
        out.flush();
        if (reportDir != null) {
            try {
                ReportFiles.write(report, reportDir);
            } catch (IOException e) {
                if (String.valueOf(e.getMessage()).contains("No space left on device")) {
                    throw new ArchgateException("the disk is full: the reports could not be written to " + reportDir
                            + ": free space there, or choose another --report-dir", ArchgateException.Kind.ENVIRONMENT, e);
                }
                throw ArchgateException.usage("cannot write the reports to " + reportDir + " (" + describe(e)
                        + "): choose a writable --report-dir");
            }
        }
        return ExitStatus.of(report.verdict());
    }

    /** The file and what is wrong with it, in words: the JDK's exceptions name the problem only by their class. */
    private static String describe(Exception e) {
        if (e instanceof java.nio.file.FileAlreadyExistsException fs) {
            return fs.getFile() + " is in the way: it exists and is not a directory";
        }
        if (e instanceof java.nio.file.AccessDeniedException fs) {
            return fs.getFile() + ": permission denied";
        }
        if (e instanceof java.nio.file.FileSystemException fs) {
            return fs.getFile() + (fs.getReason() != null ? ": " + fs.getReason() : "");
        }
        return e.getMessage() != null ? e.getMessage() : "no further detail";
    }
}
