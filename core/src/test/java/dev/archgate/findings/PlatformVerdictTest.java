package dev.archgate.findings;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A platform's verdict is earned: it passes only when all the work asked of it ran to its end. */
class PlatformVerdictTest {
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final SmokeResult PASSED = new SmokeResult("starts", 0, SmokeOutcome.PASSED, 10, "");

    @Test
    void passesOnlyWhenTheAuditReadEveryLayerAndEverySmokeTestHasAResult() {
        PlatformReport done = PlatformReport.of(ARM64, Coverage.asked(true, 1).withAuditRead(), List.of(), List.of(PASSED));

        assertThat(done.verdict()).isEqualTo(Verdict.PASS);
        assertThat(done.reason()).isNull();
    }

    @Test
    void aSmokeStageThatRanNothingIsNotAPass() {
        // Catches: platform.label-mismatch lowered to a warning, so the smoke stage ran no test and nothing failed.
        PlatformReport r = PlatformReport.of(ARM64, Coverage.asked(true, 1).withAuditRead(),
                List.of(Finding.warning(Check.PLATFORM_LABEL_MISMATCH, null, "config says amd64")), List.of());

        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).isEqualTo(PlatformReport.NOT_CHECKED);
        assertThat(r.findings()).extracting(Finding::check).contains(Check.PLATFORM_NOT_CHECKED);
        assertThat(r.findings().get(r.findings().size() - 1).message()).contains("1 smoke test was asked for and 0 ran");
    }

    @Test
    void aMissingPlatformWhoseFindingIsSilencedIsNotAPass() {
        // Catches: platform.missing switched off, which used to leave a platform with no findings, a pass.
        PlatformReport r = PlatformReport.of(ARM64, Coverage.asked(true, 0), List.of(), List.of());

        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).isEqualTo(PlatformReport.NOT_CHECKED);
    }

    @Test
    void anAuditWhoseLayersWereNotReadIsNotAPassEvenWithEverySmokeTestPassed() {
        PlatformReport r = PlatformReport.of(ARM64, Coverage.asked(true, 1), List.of(), List.of(PASSED));

        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void anInterruptedPlatformIsAnErrorWithReasonInterrupted() {
        PlatformReport r = PlatformReport.interrupted(ARM64);

        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).isEqualTo("interrupted");
        assertThat(r.findings()).extracting(Finding::check).containsExactly(Check.RUN_INTERRUPTED);
    }

    @Test
    void anEngineFailureInASmokeRunIsAnErrorNotAFailureOfTheImage() {
        // Catches: an engine error during smoke classified as smoke.not-running, a failure with exit 1.
        SmokeResult engine = new SmokeResult("starts", null, SmokeOutcome.failedBy(Check.ENGINE_FAILED), 10, "the Docker Engine failed");
        PlatformReport r = PlatformReport.of(ARM64, Coverage.asked(false, 1), List.of(), List.of(engine));

        assertThat(r.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(r.reason()).isEqualTo("engine.failed");
    }

    @Test
    void aProvenFailureOfTheImageFailsWhateverElseWasLeftUnchecked() {
        SmokeResult failed = new SmokeResult("starts", 255, SmokeOutcome.failedBy(Check.SMOKE_EXEC_FORMAT_ERROR), 10, "exec format error");
        PlatformReport r = PlatformReport.of(ARM64, Coverage.asked(true, 2), List.of(), List.of(failed));

        assertThat(r.verdict()).isEqualTo(Verdict.FAIL);
    }
}
