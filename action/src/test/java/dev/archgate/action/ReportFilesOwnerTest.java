package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reports left in the workspace belong to the workspace's owner (a self-hosted runner's next
 * actions/checkout must be able to clean them), and the step names every report-dir relative to
 * the workspace. Source of truth: the file system's owners after a real write (these tests run as
 * root, as the action does, so a chown is possible and a missing one shows).
 */
class ReportFilesOwnerTest {
    private static final int RUNNER_UID = 1001; // the runner user of GitHub's hosted images
    @TempDir
    Path dir;

    @Test
    void reportsAndTheDirectoriesMadeForThemGetTheWorkspacesOwner() throws Exception {
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        Files.setAttribute(workspace, "unix:uid", RUNNER_UID);
        Files.setAttribute(workspace, "unix:gid", RUNNER_UID);
        Path reports = workspace.resolve("out/gate");
        dev.archgate.report.ReportFiles.write(dev.archgate.findings.Report.of("img", null, List.of()), reports);

        WorkspaceOwner.give(reports, workspace);

        try (Stream<Path> files = Files.walk(workspace.resolve("out"))) {
            assertThat(files.toList()).hasSizeGreaterThan(3).allSatisfy(p -> {
                assertThat(Files.getAttribute(p, "unix:uid")).as(p.toString()).isEqualTo(RUNNER_UID);
                assertThat(Files.getAttribute(p, "unix:gid")).as(p.toString()).isEqualTo(RUNNER_UID);
            });
        }
    }

    @Test
    void aReportDirOutsideTheWorkspaceIsStillNamedRelativeToIt() {
        Path workspace = Path.of("/github/workspace");
        assertThat(ActionRun.shown(Path.of("/github/workspace/archgate-report"), workspace)).isEqualTo("archgate-report");
        assertThat(ActionRun.shown(Path.of("/github/runner_temp/reports"), workspace)).isEqualTo("../runner_temp/reports");
        assertThat(ActionRun.shown(workspace, workspace)).isEqualTo(".");
    }

    @Test
    void commandsAreStoppedWithAFreshTokenAndResumedWithIt() {
        StringWriter log = new StringWriter();
        String token = WorkflowCommands.stopCommands(new PrintWriter(log, true));
        assertThat(log.toString()).isEqualTo("::stop-commands::" + token + System.lineSeparator());
        assertThat(WorkflowCommands.resumeCommands(token)).isEqualTo("::" + token + "::");
        assertThat(WorkflowCommands.stopCommands(new PrintWriter(new StringWriter()))).isNotEqualTo(token);
    }
}
