package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Check;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.Host;
import dev.archgate.platform.Platform;
import dev.archgate.report.ReportFiles;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A merge step end to end, on report.json files written as split runs write them: the verdict,
 * the step's outputs, the merged reports and the job summary. No tags are promoted, so no
 * registry is asked.
 */
class ActionMergeRunTest {
    private static final Coverage DONE = Coverage.asked(true, 1).withAuditRead();
    private static final String IMAGE = "ghcr.io/acme/app:candidate";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @TempDir
    Path workspace;

    private final StringWriter log = new StringWriter();

    private static PlatformReport passed(String platform) {
        return PlatformReport.of(Platform.parse(platform), DONE, List.of(),
                List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 10, "")));
    }

    private static PlatformReport failed(String platform) {
        return PlatformReport.of(Platform.parse(platform), DONE, List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code")),
                List.of(new SmokeResult("version", 255, SmokeOutcome.failedBy(Check.SMOKE_EXEC_FORMAT_ERROR), 10, "Invalid ELF image")));
    }

    /** A split run's report-dir, as the upload/download artifact round trip leaves it. */
    private void splitRun(String dir, String digest, PlatformReport platform) throws Exception {
        ReportFiles.write(Report.of(IMAGE, digest, List.of(platform)), workspace.resolve(dir));
    }

    /** linux/amd64 passed on one runner; linux/arm64, as given, on another; both of DIGEST. */
    private void splitRuns(PlatformReport arm64) throws Exception {
        splitRun("archgate-linux-amd64", DIGEST, passed("linux/amd64"));
        splitRun("archgate-linux-arm64", DIGEST, arm64);
    }

    private int merge(String platforms) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put(Inputs.variable("merge-reports"), "archgate-linux-amd64\narchgate-linux-arm64/report.json\n");
        env.put(Inputs.variable("platforms"), platforms);
        env.put(Inputs.variable("report-dir"), "archgate-merged");
        env.put(Inputs.variable("image"), "");
        env.put("GITHUB_WORKSPACE", workspace.toString());
        env.put("GITHUB_OUTPUT", workspace.resolve("output").toString());
        env.put("GITHUB_STEP_SUMMARY", workspace.resolve("step-summary").toString());
        try (Host host = Host.of(env)) {
            return new ActionRun(host, env, new PrintWriter(log)).run();
        }
    }

    private String outputs() throws Exception {
        return Files.readString(workspace.resolve("output"));
    }

    @Test
    void splitRunsThatAllPassedMergeToAPassWithTheGatesOutputsAndSummary() throws Exception {
        splitRuns(passed("linux/arm64"));
        assertThat(merge("linux/amd64,linux/arm64")).isEqualTo(0);
        assertThat(outputs()).contains("result=pass\n", "exit-code=0\n", "digest=" + DIGEST + "\n", "failed-platforms=\n",
                "report-dir=archgate-merged\n");
        // docker/build-push-action's output names (its action.yml): imageid, metadata; and the image by digest.
        assertThat(outputs()).contains("image=ghcr.io/acme/app@" + DIGEST + "\n", "imageid=" + DIGEST + "\n",
                "metadata={\"containerimage.digest\":\"" + DIGEST + "\",\"image.name\":\"" + IMAGE + "\"}\n");
        assertThat(workspace.resolve("archgate-merged/report.json")).content().contains(DIGEST, "linux/amd64", "linux/arm64");
        assertThat(workspace.resolve("step-summary")).content().contains("linux/amd64", "linux/arm64");
        assertThat(log.toString()).contains("::group::archgate: merge of 2 reports", "merged " + workspace.resolve("archgate-linux-amd64"));
    }

    @Test
    void aFailedPlatformFailsTheMergeWithItsAnnotation() throws Exception {
        splitRuns(failed("linux/arm64"));
        assertThat(merge("linux/amd64,linux/arm64")).isEqualTo(1);
        assertThat(outputs()).contains("result=fail\n", "exit-code=1\n", "failed-platforms=linux/arm64\n");
        assertThat(log.toString()).contains("::error").contains("x86-64 code");
    }

    @Test
    void aRequiredPlatformNoSplitRunCheckedIsAnError() throws Exception {
        splitRuns(passed("linux/arm64"));
        assertThat(merge("linux/amd64,linux/arm64,linux/s390x")).isEqualTo(3);
        assertThat(outputs()).contains("result=error\n", "exit-code=3\n", "failed-platforms=linux/s390x\n");
    }

    @Test
    void reportsOfDifferentDigestsAreRefusedAsBadInput() throws Exception {
        splitRun("archgate-linux-amd64", DIGEST, passed("linux/amd64"));
        splitRun("archgate-linux-arm64", "sha256:" + "cd".repeat(32), passed("linux/arm64"));
        assertThat(merge("linux/amd64,linux/arm64")).isEqualTo(2);
        assertThat(outputs()).contains("result=error\n", "exit-code=2\n");
        assertThat(log.toString()).contains("::error title=archgate::");
        assertThat(workspace.resolve("archgate-merged")).doesNotExist();
    }

    @Test
    void aMissingSplitReportIsBadInputNamingIt() throws Exception {
        splitRun("archgate-linux-amd64", DIGEST, passed("linux/amd64"));
        assertThat(merge("linux/amd64,linux/arm64")).isEqualTo(2);
        assertThat(log.toString()).contains("::error title=archgate::the report " + workspace.resolve("archgate-linux-arm64/report.json")
                + " does not exist");
    }
}
