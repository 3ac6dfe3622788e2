package dev.archgate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportReaderTest {
    private static final Coverage DONE = Coverage.asked(true, 1).withAuditRead();
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    private static Report sample() {
        PlatformReport good = PlatformReport.of(AMD64, DONE, List.of(Finding.warning(Check.POLICY_ROOT_USER, null, "runs as root")),
                List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 812, "")));
        PlatformReport bad = PlatformReport.of(ARM64, DONE, List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code")),
                List.of(new SmokeResult("version", 255, SmokeOutcome.failedBy(Check.SMOKE_EXEC_FORMAT_ERROR), 90, "qemu: /app: Invalid ELF image")
                        .ranOn("ci (unix:///var/run/docker.sock)", SmokeResult.Execution.STRICT_EMULATION)
                        .emulatedBy("qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3), -cpu cortex-a53")));
        return Report.of("registry.example/app:1", DIGEST, List.of(Finding.error(Check.DOCKERFILE_HARDCODED_ARCH, "Dockerfile:7", "GOARCH")),
                List.of(good, bad));
    }

    @Test
    void readsBackExactlyWhatWasWritten() {
        Report report = sample();
        assertThat(ReportReader.read("r.json", ReportJson.toJson(report))).isEqualTo(report);
    }

    @Test
    void aReportOfAnArchgateThatDidNotNameItselfIsReadAndAMalformedNameIsRefused() {
        // "archgate" was added to schema 1 later: reports written before it still merge.
        String json = ReportJson.toJson(sample());
        String older = json.replaceFirst("\"archgate\": \\{[^}]*\\},", "");
        assertThat(older).isNotEqualTo(json).doesNotContain("\"archgate\"");
        assertThat(ReportReader.read("old.json", older)).isEqualTo(sample());
        String malformed = json.replaceFirst("\"archgate\": \\{[^}]*\\}", "\"archgate\": \"1.0\"");
        assertThatThrownBy(() -> ReportReader.read("r.json", malformed)).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessageContaining("names the archgate that wrote it");
    }

    @Test
    void aTruncatedReportIsRefusedByName() {
        String json = ReportJson.toJson(sample());
        assertThatThrownBy(() -> ReportReader.read("b/report.json", json.substring(0, json.length() / 2)))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageStartingWith("b/report.json is not valid JSON");
    }

    /** Gson's own words name its classes and advise JsonReader.setStrictness: a user reads the place and the fix only. */
    @Test
    void brokenJsonIsNamedByItsPlaceWithoutGsonsAdvice() {
        assertThatThrownBy(() -> ReportReader.read("b/report.json", "{\"schema\": 1,\n  \"verdict\": }"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessageMatching("b/report\\.json is not valid JSON \\(at line 2, column \\d+\\): it is truncated or not a report\\.json; "
                        + "copy the whole file again");
        assertThatThrownBy(() -> ReportReader.read("b/report.json", "{\"schema\": 1, \"platforms\": {\"platform\": 7}}"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).message().doesNotContain("java", "com.google", "JsonReader", "Exception");
    }

    @Test
    void aVerdictItsFindingsDoNotImplyIsRefused() {
        String edited = ReportJson.toJson(sample()).replace("\"verdict\": \"fail\",\n      \"findings\": [\n        {\n          \"check\": \"elf.arch-mismatch\"",
                "\"verdict\": \"pass\",\n      \"findings\": [\n        {\n          \"check\": \"elf.arch-mismatch\"");
        assertThat(edited).isNotEqualTo(ReportJson.toJson(sample()));
        assertThatThrownBy(() -> ReportReader.read("b/report.json", edited))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("says linux/arm64 pass").hasMessageContaining("edited");
    }

    @Test
    void aReportWhoseTopVerdictWasEditedIsRefused() {
        String edited = ReportJson.toJson(sample()).replaceFirst("\"verdict\": \"fail\"", "\"verdict\": \"pass\"");
        assertThatThrownBy(() -> ReportReader.read("r.json", edited)).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessageContaining("r.json says pass");
    }

    @Test
    void anotherSchemaAnUnknownCheckOrANonObjectIsRefused() {
        String json = ReportJson.toJson(sample());
        assertThatThrownBy(() -> ReportReader.read("r.json", json.replace("\"schema\": 1", "\"schema\": 2")))
                .hasMessageContaining("schema 2").hasMessageContaining("reads schema 1");
        assertThatThrownBy(() -> ReportReader.read("r.json", json.replace("elf.arch-mismatch", "elf.future-check")))
                .hasMessageContaining("check 'elf.future-check'");
        assertThatThrownBy(() -> ReportReader.read("r.json", "[1, 2]")).hasMessageContaining("holds no JSON object");
        assertThatThrownBy(() -> ReportReader.read("r.json", "{\"schema\": 1, \"platforms\": 3}"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("shape of a report.json");
    }
}
