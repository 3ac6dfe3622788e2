package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.jenkins.mapping.BuildOutcome;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.platform.Platform;
import dev.archgate.findings.Check;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.report.ReportFiles;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import hudson.AbortException;
import hudson.FilePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code archgateMerge} step's work as FilePath.act runs it on the agent, on report.json files written as the
 * parallel {@code archgate} steps write them, and what its outcome makes of the build: the same statuses and root-cause
 * lines as the gate step. No tag is promoted, so no registry is asked.
 */
class ArchgateMergeStepTest {
    private static final Coverage DONE = Coverage.asked(true, 1).withAuditRead();
    private static final String IMAGE = "registry.example.com/app:candidate";
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER_DIGEST = "sha256:" + "cd".repeat(32);

    @TempDir
    Path workspace;

    private final LogListener log = new LogListener();

    private static PlatformReport passed(String platform, Finding... findings) {
        return PlatformReport.of(Platform.parse(platform), DONE, List.of(findings),
                List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 10, "")));
    }

    private static PlatformReport failed(String platform) {
        return PlatformReport.of(Platform.parse(platform), DONE, List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code")),
                List.of(new SmokeResult("version", 255, SmokeOutcome.failedBy(Check.SMOKE_EXEC_FORMAT_ERROR), 10, "Invalid ELF image")));
    }

    /** A parallel branch's report directory, as unstash restores it into the merging node's workspace. */
    private void branch(String dir, String digest, PlatformReport platform) throws Exception {
        ReportFiles.write(Report.of(IMAGE, digest, List.of(platform)), workspace.resolve(dir));
    }

    private void branches(PlatformReport arm64) throws Exception {
        branch("archgate-amd64", DIGEST, passed("linux/amd64"));
        branch("archgate-arm64", DIGEST, arm64);
    }

    /** The step as a Pipeline binds {@code archgateMerge reports: [...], platforms: [...]}, run on the agent. */
    private GateOutcome merge(List<String> platforms, boolean unstableOnWarning) throws Exception {
        ArchgateMergeStep step = new ArchgateMergeStep(List.of("archgate-amd64", "archgate-arm64/report.json"), platforms);
        step.setUnstableOnWarning(unstableOnWarning);
        return new FilePath(workspace.toFile()).act(new MergeOnAgent(step.parameters(), System.getenv(), log));
    }

    @Test
    void branchesThatAllPassedMergeToASuccessReturningTheGateStepsMap() throws Exception {
        branches(passed("linux/arm64"));

        GateOutcome outcome = merge(List.of("linux/amd64", "linux/arm64"), false);

        assertThat(outcome.outcome()).isEqualTo(new BuildOutcome(BuildOutcome.Status.SUCCESS, "archgate: passed on every platform"));
        assertThat(outcome.stepResult()).containsEntry("verdict", "pass").containsEntry("digest", DIGEST)
                .containsEntry("failedPlatforms", List.of()).containsEntry("platforms", List.of("linux/amd64", "linux/arm64"));
        assertThat(outcome.reportFiles()).containsExactly("archgate-report/report.json", "archgate-report/junit.xml",
                "archgate-report/summary.md").allSatisfy(f -> assertThat(workspace.resolve(f)).isRegularFile());
        assertThat(Files.readString(workspace.resolve("archgate-report/report.json"))).contains(DIGEST, "linux/amd64", "linux/arm64");
        assertThat(log.text()).contains("[archgate] merged " + workspace.resolve("archgate-amd64/report.json"),
                "[archgate] merged " + workspace.resolve("archgate-arm64/report.json"));
    }

    @Test
    void aFailedPlatformFailsTheBuildWithItsRootCause() throws Exception {
        branches(failed("linux/arm64"));

        GateOutcome outcome = merge(List.of("linux/amd64", "linux/arm64"), false);

        assertThat(outcome.outcome().status()).isEqualTo(BuildOutcome.Status.FAILURE);
        assertThat(outcome.outcome().message()).startsWith("archgate: gate failed: linux/arm64 elf.arch-mismatch /app: x86-64 code");
        assertThat(outcome.stepResult()).containsEntry("verdict", "fail").containsEntry("failedPlatforms", List.of("linux/arm64"));
        assertThat(workspace.resolve("archgate-report/junit.xml")).content().contains("x86-64 code");
    }

    @Test
    void aRequiredPlatformNoBranchCheckedFailsTheBuildAsNotChecked() throws Exception {
        branches(passed("linux/arm64"));

        GateOutcome outcome = merge(List.of("linux/amd64", "linux/arm64", "linux/s390x"), false);

        assertThat(outcome.outcome().status()).isEqualTo(BuildOutcome.Status.FAILURE);
        assertThat(outcome.outcome().message()).startsWith("archgate: could not check linux/s390x platform.not-checked");
        assertThat(outcome.stepResult()).containsEntry("verdict", "error").containsEntry("failedPlatforms", List.of("linux/s390x"));
    }

    @Test
    void aMergedPassWithWarningsIsUnstableOnlyWithUnstableOnWarning() throws Exception {
        branches(passed("linux/arm64", Finding.warning(Check.POLICY_ROOT_USER, null, "the container runs as root")));

        BuildOutcome unstable = merge(List.of("linux/amd64", "linux/arm64"), true).outcome();
        assertThat(unstable.status()).isEqualTo(BuildOutcome.Status.UNSTABLE);
        assertThat(unstable.message()).contains("linux/arm64 policy.root-user: the container runs as root");

        assertThat(merge(List.of("linux/amd64", "linux/arm64"), false).outcome().status()).isEqualTo(BuildOutcome.Status.SUCCESS);
    }

    @Test
    void reportsOfDifferentDigestsAbortTheStepNamingBothAndWriteNothing() throws Exception {
        branch("archgate-amd64", DIGEST, passed("linux/amd64"));
        branch("archgate-arm64", OTHER_DIGEST, passed("linux/arm64"));

        assertThatThrownBy(() -> merge(List.of("linux/amd64", "linux/arm64"), false)).isInstanceOf(AbortException.class)
                .hasMessageStartingWith("archgate: ").hasMessageContaining(DIGEST).hasMessageContaining(OTHER_DIGEST);
        assertThat(workspace.resolve("archgate-report")).doesNotExist();
    }

    @Test
    void badParametersAbortTheStepWithOneSentenceNamingTheParameter() throws Exception {
        branch("archgate-amd64", DIGEST, passed("linux/amd64"));
        expect(new ArchgateMergeStep(List.of("archgate-amd64", "archgate-arm64"), List.of("linux/amd64")),
                "archgate: the report " + workspace.resolve("archgate-arm64") + " does not exist");
        expect(new ArchgateMergeStep(List.of(), List.of("linux/amd64")), "archgate: reports is empty");
        expect(new ArchgateMergeStep(List.of("archgate-amd64"), null), "archgate: platforms is empty");
        expect(new ArchgateMergeStep(List.of("archgate-amd64"), List.of("linux/sparc")), "unknown platform 'linux/sparc'");
        ArchgateMergeStep outside = new ArchgateMergeStep(List.of("archgate-amd64"), List.of("linux/amd64"));
        outside.setReportDir("../elsewhere");
        expect(outside, "is outside the workspace");
        Files.writeString(workspace.resolve("archgate-amd64/report.json"), "{\"schema\": 1, \"verdict\": \"pass\"");
        expect(new ArchgateMergeStep(List.of("archgate-amd64"), List.of("linux/amd64")), "archgate-amd64/report.json");
    }

    @Test
    void aFormsTextAreasGiveOneItemPerLineAndTheMergedReportsGoWhereReportDirSays() throws Exception {
        branches(passed("linux/arm64"));
        ArchgateMergeStep step = new ArchgateMergeStep(List.of("archgate-amd64\narchgate-arm64\n"), List.of("linux/amd64\r\nlinux/arm64"));
        step.setReportDir("merged");

        GateOutcome outcome = new FilePath(workspace.toFile()).act(new MergeOnAgent(step.parameters(), System.getenv(), log));

        assertThat(step.getPlatforms()).containsExactly("linux/amd64", "linux/arm64");
        assertThat(new ArchgateMergeStep.DescriptorImpl().lines(step.getReports())).isEqualTo("archgate-amd64\narchgate-arm64");
        assertThat(outcome.reportDir()).isEqualTo("merged");
        assertThat(workspace.resolve("merged/summary.md")).isRegularFile();
    }

    private void expect(ArchgateMergeStep step, String message) {
        assertThatThrownBy(() -> new FilePath(workspace.toFile()).act(new MergeOnAgent(step.parameters(), System.getenv(), log)))
                .isInstanceOf(AbortException.class).hasMessageContaining(message);
    }
}
