package dev.archgate.jenkins.mapping;

import dev.archgate.ArchgateException;
import java.nio.file.Path;

/**
 * Paths the steps are given, as a Jenkinsfile author reads them: relative to the workspace. Reports go inside it,
 * since the build takes its test results and archived files from there.
 */
public final class WorkspacePaths {
    /** Where the reports go when neither the step nor archgate.yml names a directory (a Pipeline step adds its node id). */
    public static final String DEFAULT_REPORT_DIR = "archgate-report";

    private WorkspacePaths() {}

    /** {@code given} resolved against the workspace (an absolute path stays as it is); null stays null. */
    static Path resolve(Path workspace, String given) {
        return given == null ? null : workspace.resolve(given).normalize();
    }

    /**
     * {@code chosen} (already resolved), or the default directory when null.
     *
     * @throws ArchgateException when the directory lies outside the workspace
     */
    static Path reportDir(Path workspace, Path chosen) {
        Path reports = chosen != null ? chosen.normalize() : workspace.resolve(DEFAULT_REPORT_DIR);
        if (!reports.toAbsolutePath().startsWith(workspace.toAbsolutePath().normalize())) {
            throw ArchgateException.usage("the report directory " + reports + " is outside the workspace " + workspace
                    + ": give reportDir a path inside it, since the test results and archived reports are taken from there");
        }
        return reports;
    }
}
