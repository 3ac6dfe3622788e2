package dev.archgate.report;

import dev.archgate.findings.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes the report files of {@code --report-dir}. */
public final class ReportFiles {
    public static final String JSON = "report.json";
    public static final String JUNIT = "junit.xml";
    public static final String SUMMARY = "summary.md";

    private ReportFiles() {}

    /**
     * A split run's report as a merge is given it: the report.json itself, or the report directory
     * holding it (what an artifact download or a Jenkins unstash leaves).
     */
    public static Path json(Path fileOrDirectory) {
        return Files.isDirectory(fileOrDirectory) ? fileOrDirectory.resolve(JSON) : fileOrDirectory;
    }

    /** Writes the reports into {@code dir}, creating it, and returns the path of report.json. */
    public static Path write(Report report, Path dir) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(JSON);
        Files.writeString(json, ReportJson.toJson(report));
        Files.writeString(dir.resolve(JUNIT), JUnitXml.render(report));
        Files.writeString(dir.resolve(SUMMARY), SummaryMarkdown.render(report));
        return json;
    }
}
