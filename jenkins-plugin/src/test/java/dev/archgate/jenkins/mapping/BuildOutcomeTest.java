package dev.archgate.jenkins.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.jenkins.mapping.BuildOutcome.Status;
import dev.archgate.platform.Platform;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The result-mapping table: what each kind of report does to the Jenkins build, and the line it leaves in the log. */
class BuildOutcomeTest {
    private static final Coverage DONE = Coverage.asked(true, 1).withAuditRead();

    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Platform ARMV7 = Platform.parse("linux/arm/v7");
    private static final SmokeResult PASSED = new SmokeResult("version", 0, SmokeOutcome.PASSED, 400, "");
    private static final String DIGEST = "sha256:" + "a".repeat(64);

    @Test
    void aPassWithoutWarningsIsASuccessWhateverUnstableOnWarningSays() {
        Report pass = Report.of("app:1", DIGEST, List.of(clean(AMD64), clean(ARM64)));
        assertThat(BuildOutcome.of(pass, true).status()).isEqualTo(Status.SUCCESS);
        assertThat(BuildOutcome.of(pass, false).status()).isEqualTo(Status.SUCCESS);
        assertThat(StepResult.of(pass)).containsEntry("verdict", "pass").containsEntry("digest", DIGEST)
                .containsEntry("failedPlatforms", List.of()).containsEntry("platforms", List.of("linux/amd64", "linux/arm64"))
                .containsEntry("warnings", 0);
    }

    @Test
    void warningsMakeTheBuildUnstableOnlyWhenAskedAndTheLineNamesTheFirst() {
        PlatformReport warned = PlatformReport.of(ARM64, DONE, List.of(Finding.warning(Check.POLICY_ROOT_USER, null,
                "the image runs as root; set USER")), List.of(PASSED));
        Report report = Report.of("app:1", DIGEST, List.of(clean(AMD64), warned));

        BuildOutcome unstable = BuildOutcome.of(report, true);
        assertThat(unstable.status()).isEqualTo(Status.UNSTABLE);
        assertThat(unstable.message()).isEqualTo("archgate: passed with 1 warning, first: linux/arm64 policy.root-user: the image runs as root; set USER");
        BuildOutcome success = BuildOutcome.of(report, false);
        assertThat(success.status()).isEqualTo(Status.SUCCESS);
        assertThat(success.message()).contains("1 warning", "unstableOnWarning is off");
        assertThat(StepResult.of(report)).containsEntry("verdict", "pass").containsEntry("warnings", 1);
    }

    @Test
    void aFailedGateFailsTheBuildWithThePlatformTheCheckAndTheDockerfileLine() {
        Finding lint = Finding.error(Check.DOCKERFILE_HARDCODED_ARCH, "test-fixtures/broken-goarch/Dockerfile:7",
                "GOARCH=amd64 builds amd64 code for every platform; use GOARCH=$TARGETARCH");
        PlatformReport arm64 = PlatformReport.of(ARM64, DONE, List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app",
                "x86-64 code, but linux/arm64 runs AArch64 code")), List.of(new SmokeResult("version", 255,
                SmokeOutcome.failedBy(Check.SMOKE_EXEC_FORMAT_ERROR), 300, "qemu: /app: Invalid ELF image for this architecture")));
        PlatformReport armv7 = PlatformReport.of(ARMV7, DONE, List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code")), List.of());
        Report report = Report.of("app:1", DIGEST, List.of(lint), List.of(clean(AMD64), arm64, armv7));

        for (boolean unstableOnWarning : new boolean[] {true, false}) {
            BuildOutcome outcome = BuildOutcome.of(report, unstableOnWarning);
            assertThat(outcome.status()).isEqualTo(Status.FAILURE);
            assertThat(outcome.message()).isEqualTo("archgate: gate failed: linux/arm64 elf.arch-mismatch /app: x86-64 code, but "
                    + "linux/arm64 runs AArch64 code; likely cause test-fixtures/broken-goarch/Dockerfile:7: GOARCH=amd64 builds amd64 "
                    + "code for every platform; use GOARCH=$TARGETARCH; also linux/arm/v7 (fail)");
        }
        assertThat(StepResult.of(report)).containsEntry("verdict", "fail").containsEntry("failedPlatforms", List.of("linux/arm64", "linux/arm/v7"));
    }

    @Test
    void aFailedSmokeRunIsNamedWithItsEvidenceWhenNoFindingIs() {
        PlatformReport arm64 = PlatformReport.of(ARM64, DONE, List.of(), List.of(new SmokeResult("version", 1, SmokeOutcome.failedBy(Check.SMOKE_EXIT_CODE), 300,
                "exit 1, expected 0")));
        BuildOutcome outcome = BuildOutcome.of(Report.of("app:1", DIGEST, List.of(arm64)), false);
        assertThat(outcome.status()).isEqualTo(Status.FAILURE);
        assertThat(outcome.message()).isEqualTo("archgate: gate failed: linux/arm64 smoke.exit-code in smoke test 'version' (exit 1): exit 1, expected 0");
    }

    @Test
    void aPlatformThatCouldNotBeCheckedFailsTheBuildAsAnErrorNamingWhatWasMissing() {
        PlatformReport riscv = PlatformReport.of(Platform.parse("linux/riscv64"), DONE, List.of(Finding.error(Check.EMULATION_MISSING, null,
                "no working QEMU handler for linux/riscv64: run archgate qemu install, or set emulation.install")), List.of());
        Report report = Report.of("app:1", DIGEST, List.of(clean(AMD64), riscv));

        BuildOutcome outcome = BuildOutcome.of(report, false);
        assertThat(outcome.status()).isEqualTo(Status.FAILURE);
        assertThat(outcome.message()).isEqualTo("archgate: could not check linux/riscv64 emulation.missing: no working QEMU handler for "
                + "linux/riscv64: run archgate qemu install, or set emulation.install");
        assertThat(StepResult.of(report)).containsEntry("verdict", "error").containsEntry("failedPlatforms", List.of("linux/riscv64"));
    }

    @Test
    void theOutcomeTheAgentSendsNamesTheReportFilesInTheWorkspace() {
        GateOutcome outcome = GateOutcome.of(Report.of("app:1", DIGEST, List.of(clean(AMD64))), false, "out/reports");
        assertThat(outcome.junitXml()).isEqualTo("out/reports/junit.xml");
        assertThat(outcome.reportFiles()).containsExactly("out/reports/report.json", "out/reports/junit.xml", "out/reports/summary.md");
        assertThat(outcome.summaryHtml()).startsWith("<h2>archgate: PASS");
        assertThat(outcome.stepResult()).isEqualTo(Map.copyOf(StepResult.of(Report.of("app:1", DIGEST, List.of(clean(AMD64))))));
    }

    private static PlatformReport clean(Platform p) {
        return PlatformReport.of(p, DONE, List.of(), List.of(PASSED));
    }
}
