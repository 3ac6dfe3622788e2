package dev.archgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Check;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SizeSummary;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.platform.Platform;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class ReportWritersTest {
    /** Both stages ran to their end: the audit read every layer, the one smoke test has a result. */
    private static final Coverage AUDITED_AND_ONE_SMOKE = Coverage.asked(true, 1).withAuditRead();

    private static final Finding LINT = Finding.error(Check.DOCKERFILE_HARDCODED_ARCH, "Dockerfile:7",
            "GOARCH=amd64 builds amd64 code for every platform; use GOARCH=$TARGETARCH");

    private static Report failingGate() {
        PlatformReport amd64 = PlatformReport.of(Platform.parse("linux/amd64"), AUDITED_AND_ONE_SMOKE, List.of(),
                List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 300, "")));
        PlatformReport arm64 = PlatformReport.of(Platform.parse("linux/arm64"), AUDITED_AND_ONE_SMOKE,
                List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code, but linux/arm64 runs AArch64 code")),
                List.of(new SmokeResult("version", 255, SmokeOutcome.failedBy(Check.SMOKE_EXEC_FORMAT_ERROR), 900, "qemu: Invalid ELF image for this architecture")));
        PlatformReport s390x = PlatformReport.of(Platform.parse("linux/s390x"), AUDITED_AND_ONE_SMOKE,
                List.of(Finding.error(Check.EMULATION_MISSING, null, "no qemu-s390x handler")), List.of());
        return Report.of("127.0.0.1:5000/app:1", "sha256:abc", List.of(LINT), List.of(amd64, arm64, s390x));
    }

    @Test
    void junitHasASuitePerPlatformWithFailuresForBrokenChecksAndErrorsForUncheckedPlatforms() throws Exception {
        String xml = JUnitXml.render(failingGate());
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));

        NodeList suites = doc.getElementsByTagName("testsuite");
        assertThat(suites.getLength()).isEqualTo(4); // image-wide lint + three platforms
        Element arm64 = (Element) suites.item(2);
        assertThat(arm64.getAttribute("name")).isEqualTo("linux/arm64");
        assertThat(arm64.getAttribute("failures")).isEqualTo("2");
        assertThat(arm64.getElementsByTagName("failure").item(0).getTextContent()).contains("/app: x86-64 code");
        Element amd64 = (Element) suites.item(1);
        assertThat(amd64.getAttribute("failures")).isEqualTo("0");
        assertThat(amd64.getAttribute("tests")).isEqualTo("2");
        Element s390x = (Element) suites.item(3);
        assertThat(s390x.getAttribute("errors")).isEqualTo("2");
        assertThat(s390x.getElementsByTagName("failure").getLength()).isZero();
    }

    @Test
    void summaryStartsWithAPlatformByCheckTableAndPointsForeignCodeAtTheDockerfileLine() {
        String md = SummaryMarkdown.render(failingGate());

        assertThat(md).startsWith("## archgate: FAIL — `127.0.0.1:5000/app:1`");
        assertThat(md).contains("| platform | verdict | elf.arch-mismatch | emulation.missing | smoke: version |");
        assertThat(md).contains("| linux/amd64 | ✅ pass | — | — | ✅ |");
        assertThat(md).contains("| linux/arm64 | ❌ fail | ❌ | — | ❌ smoke.exec-format-error |");
        assertThat(md).contains("| linux/s390x | ⛔ error | — | ⛔ | — |");
        assertThat(md).contains("- Likely cause: `Dockerfile:7` — GOARCH=amd64 builds amd64 code");
        assertThat(md.indexOf("Likely cause")).isGreaterThan(md.indexOf("### linux/arm64")).isLessThan(md.indexOf("### linux/s390x"));
    }

    @Test
    void summaryNamesTheEngineOfEachPlatformWhenSeveralSharedTheWork() {
        PlatformReport amd64 = PlatformReport.of(Platform.parse("linux/amd64"), AUDITED_AND_ONE_SMOKE, List.of(),
                List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 300, "").ranOn("ci (unix:///var/run/docker.sock)",
                        SmokeResult.Execution.NATIVE)));
        PlatformReport arm64 = PlatformReport.of(Platform.parse("linux/arm64"), AUDITED_AND_ONE_SMOKE, List.of(),
                List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 300, "").ranOn("graviton (tcp://arm:2376)",
                        SmokeResult.Execution.NATIVE)));

        assertThat(SummaryMarkdown.render(Report.of("app:1", "sha256:abc", List.of(amd64, arm64))))
                .contains("Ran on: linux/amd64 — ci (unix:///var/run/docker.sock), native; linux/arm64 — graviton (tcp://arm:2376), native");
        assertThat(SummaryMarkdown.render(failingGate())).doesNotContain("Ran on:");
    }

    @Test
    void variantDifferencesThatFailNothingAreListedOnceAsInfo() {
        Finding note = Finding.info(Check.VARIANT_DIFFERS, "/entrypoint.sh", "/entrypoint.sh, on the entrypoint's program chain, is a "
                + "script (#!/bin/bash) of 43 bytes in linux/arm64 but a script (#!/bin/sh) of 41 bytes in linux/amd64");
        Report report = Report.of("img", "sha256:1", List.of(
                PlatformReport.of(Platform.parse("linux/amd64"), AUDITED_AND_ONE_SMOKE, List.of(), List.of()),
                PlatformReport.of(Platform.parse("linux/arm64"), AUDITED_AND_ONE_SMOKE, List.of(note), List.of())));
        String md = SummaryMarkdown.render(report);
        assertThat(md).contains("\nHow the variants differ (info):\n\n- " + note.message() + "\n");
        assertThat(SummaryHtml.render(report, "t")).contains("How the variants differ (info):");
        assertThat(md).doesNotContain("| variant.differs |");
        assertThat(SummaryMarkdown.render(failingGate())).doesNotContain("How the variants differ");
    }

    @Test
    void theSummaryHasASizeTableAndReportJsonTheSameFiguresForAuditedVariantsOnly() {
        SizeSummary size = new SizeSummary(25_078_208, 25_982_305, 24_000_000, List.of(
                new SizeSummary.PathBytes("/bin/busybox", 1_982_256), new SizeSummary.PathBytes("/.from", 49)));
        Report report = Report.of("img", "sha256:1", List.of(
                PlatformReport.of(Platform.parse("linux/amd64"), AUDITED_AND_ONE_SMOKE, List.of(), List.of()).withSize(size),
                PlatformReport.of(Platform.parse("linux/arm64"), AUDITED_AND_ONE_SMOKE, List.of(), List.of())));

        String md = SummaryMarkdown.render(report);
        assertThat(md).contains("| platform | compressed | unpacked | wasted | largest paths |\n|---|---|---|---|---|\n"
                + "| linux/amd64 | 23.9 MiB | 24.8 MiB | 22.9 MiB | `/bin/busybox` 1.9 MiB, `/.from` 49 B |\n");
        assertThat(md).doesNotContain("| linux/arm64 | 0");

        var platforms = com.google.gson.JsonParser.parseString(ReportJson.toJson(report)).getAsJsonObject().getAsJsonArray("platforms");
        var json = platforms.get(0).getAsJsonObject().getAsJsonObject("size");
        assertThat(json.get("compressedBytes").getAsLong()).isEqualTo(25_078_208);
        assertThat(json.get("unpackedBytes").getAsLong()).isEqualTo(25_982_305);
        assertThat(json.get("wastedBytes").getAsLong()).isEqualTo(24_000_000);
        assertThat(json.getAsJsonArray("largest").get(0).getAsJsonObject().get("path").getAsString()).isEqualTo("/bin/busybox");
        assertThat(platforms.get(1).getAsJsonObject().has("size")).isFalse();
    }
}
