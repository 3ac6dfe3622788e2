package dev.archgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.findings.Check;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportJsonTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @Test
    void writesTheContractShapeWithVerdictsDerivedFromFindings() {
        PlatformReport good = PlatformReport.of(AMD64, Coverage.asked(true, 1).withAuditRead(), List.of(Finding.warning(Check.POLICY_ROOT_USER, null, "runs as root")),
                List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 812, "")));
        PlatformReport bad = PlatformReport.of(ARM64, Coverage.asked(true, 0).withAuditRead(),
                List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code")), List.of());
        Report report = Report.of("registry.example/app:1", "sha256:abc", List.of(good, bad));

        JsonObject json = JsonParser.parseString(ReportJson.toJson(report)).getAsJsonObject();

        assertThat(json.get("schema").getAsInt()).isEqualTo(1);
        assertThat(json.get("verdict").getAsString()).isEqualTo("fail");
        var platforms = json.getAsJsonArray("platforms");
        assertThat(platforms.get(0).getAsJsonObject().get("verdict").getAsString()).isEqualTo("pass");
        JsonObject armFinding = platforms.get(1).getAsJsonObject().getAsJsonArray("findings").get(0).getAsJsonObject();
        assertThat(armFinding.get("check").getAsString()).isEqualTo("elf.arch-mismatch");
        assertThat(armFinding.get("severity").getAsString()).isEqualTo("error");
        assertThat(armFinding.get("path").getAsString()).isEqualTo("/app");
        JsonObject smoke = platforms.get(0).getAsJsonObject().getAsJsonArray("smoke").get(0).getAsJsonObject();
        assertThat(smoke.get("exitCode").getAsInt()).isZero();
        assertThat(smoke.get("durationMs").getAsLong()).isEqualTo(812);
    }

    @Test
    void anUncheckedPlatformIsAnErrorWithItsReasonAndNothingCheckedIsNeverAPass() {
        PlatformReport unchecked = PlatformReport.of(ARM64, Coverage.asked(true, 1).withAuditRead(),
                List.of(Finding.error(Check.EMULATION_MISSING, null, "no handler")), List.of());
        // Asked for nothing and found nothing: before verdicts were earned this was a pass.
        PlatformReport nothingAsked = PlatformReport.of(AMD64, Coverage.asked(false, 0), List.of(), List.of());

        assertThat(unchecked.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(unchecked.reason()).isEqualTo("emulation.missing");
        assertThat(nothingAsked.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(Report.of("x", null, List.of(nothingAsked)).verdict()).isEqualTo(Verdict.ERROR);
        assertThat(Report.of("x", null, List.of()).verdict()).isEqualTo(Verdict.ERROR);
        JsonObject json = JsonParser.parseString(ReportJson.toJson(Report.of("x", null, List.of(unchecked)))).getAsJsonObject();
        assertThat(json.getAsJsonArray("platforms").get(0).getAsJsonObject().get("reason").getAsString()).isEqualTo("emulation.missing");
    }

    @Test
    void aProvenFailureOutweighsAnUncheckedPlatform() {
        PlatformReport unchecked = PlatformReport.of(ARM64, Coverage.asked(true, 0).withAuditRead(),
                List.of(Finding.error(Check.EMULATION_MISSING, null, "no handler")), List.of());
        PlatformReport failed = PlatformReport.of(AMD64, Coverage.asked(true, 0).withAuditRead(),
                List.of(Finding.error(Check.SMOKE_EXIT_CODE, null, "exit 2")), List.of());

        assertThat(Report.of("x", null, List.of(unchecked, failed)).verdict()).isEqualTo(Verdict.FAIL);
    }
}
