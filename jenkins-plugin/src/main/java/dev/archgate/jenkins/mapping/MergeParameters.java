package dev.archgate.jenkins.mapping;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.report.ReportFiles;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The parameters of the {@code archgateMerge} step: the reports of the {@code archgate} steps that each gated some
 * platforms of one image (parallel branches, usually on agents of different architectures), the platforms the release
 * requires, and the tags to promote on a merged pass. Paths are relative to the workspace; a report may be given as
 * its report.json or as the report directory holding it (what {@code unstash} restores).
 */
public final class MergeParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    // ArrayLists of their own (Lines.items), as the gate's parameters: nothing JDK-internal reaches a serialized form.
    private ArrayList<String> reports = new ArrayList<>();
    private ArrayList<String> platforms = new ArrayList<>();
    private ArrayList<String> promote = new ArrayList<>();
    private String reportDir;
    private boolean unstableOnWarning;

    /**
     * What to merge in {@code workspace}, checked.
     *
     * @throws ArchgateException (or the platform parser's exception) with one sentence naming the parameter and the fix
     */
    public Merge toMerge(Path workspace) {
        if (reports.isEmpty()) {
            throw ArchgateException.usage("reports is empty: give the report directory (or report.json) of each archgate step to merge, "
                    + "e.g. reports: ['archgate-amd64', 'archgate-arm64']");
        }
        if (platforms.isEmpty()) {
            throw ArchgateException.usage("platforms is empty: give the platforms the release requires, e.g. ['linux/amd64', 'linux/arm64']");
        }
        return new Merge(reports.stream().map(r -> ReportFiles.json(WorkspacePaths.resolve(workspace, r))).toList(),
                Platform.parseList(String.join(",", platforms)), promote,
                WorkspacePaths.reportDir(workspace, WorkspacePaths.resolve(workspace, reportDir)));
    }

    /**
     * One merge, as the engine takes it.
     *
     * @param reports the report.json files
     * @param platforms the platforms the release requires; one no report checked is an error
     * @param promote the tags written on a merged pass
     * @param reportDir where the merged reports go, inside the workspace
     */
    public record Merge(List<Path> reports, List<Platform> platforms, List<String> promote, Path reportDir) {
        public Merge {
            reports = List.copyOf(reports);
            platforms = List.copyOf(platforms);
            promote = List.copyOf(promote);
        }
    }

    public List<String> getReports() {
        return Collections.unmodifiableList(reports);
    }

    public void setReports(List<String> reports) {
        this.reports = Lines.items(reports);
    }

    public List<String> getPlatforms() {
        return Collections.unmodifiableList(platforms);
    }

    public void setPlatforms(List<String> platforms) {
        this.platforms = Lines.items(platforms);
    }

    public List<String> getPromote() {
        return Collections.unmodifiableList(promote);
    }

    public void setPromote(List<String> promote) {
        this.promote = Lines.items(promote);
    }

    public String getReportDir() {
        return reportDir;
    }

    public void setReportDir(String reportDir) {
        this.reportDir = SmokeParameters.blankToNull(reportDir);
    }

    public boolean isUnstableOnWarning() {
        return unstableOnWarning;
    }

    public void setUnstableOnWarning(boolean unstableOnWarning) {
        this.unstableOnWarning = unstableOnWarning;
    }
}
