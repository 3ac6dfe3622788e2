package dev.archgate.jenkins.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.Finding;
import dev.archgate.report.Coverage;
import dev.archgate.report.PlatformReport;
import dev.archgate.report.Report;
import dev.archgate.report.SmokeResult;
import dev.archgate.report.SummaryMarkdown;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The build page shows the engine's summary.md as HTML: its table as a table, and no markup from the image. */
class SummaryHtmlTest {
    private static final Coverage DONE = Coverage.asked(true, 1).withAuditRead();

    @Test
    void theEnginesSummaryBecomesAPlatformByCheckTableAndFindingLists() {
        Report report = Report.of("app:1", "sha256:" + "b".repeat(64), List.of(
                PlatformReport.of(Platform.parse("linux/amd64"), DONE, List.of(), List.of(new SmokeResult("version", 0, SmokeResult.PASSED, 1, ""))),
                PlatformReport.of(Platform.parse("linux/arm64"), DONE, List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code")),
                        List.of(new SmokeResult("version", 255, "smoke.exec-format-error", 1, "exec format error")))));

        String html = SummaryHtml.render(SummaryMarkdown.render(report));

        assertThat(html).startsWith("<h2>archgate: FAIL — <code>app:1</code></h2>\n");
        assertThat(html).contains("<table class=\"jenkins-table archgate-summary\">\n"
                + "<tr><th>platform</th><th>verdict</th><th>elf.arch-mismatch</th><th>smoke: version</th></tr>\n"
                + "<tr><td>linux/amd64</td><td>✅ pass</td><td>—</td><td>✅</td></tr>\n"
                + "<tr><td>linux/arm64</td><td>❌ fail</td><td>❌</td><td>❌ smoke.exec-format-error</td></tr>\n</table>");
        assertThat(html).contains("<h3>linux/arm64 — fail</h3>\n<ul>\n<li>❌ <strong>elf.arch-mismatch</strong> <code>/app</code>: x86-64 code</li>");
        assertThat(html).doesNotContain("|---");
    }

    @Test
    void textFromTheImageIsEscapedNotInterpreted() {
        String html = SummaryHtml.render("## archgate: FAIL — `<img src=x onerror=alert(1)>`\n\n- **a&b** \"quoted\" 'x'\n");
        assertThat(html).contains("<code>&lt;img src=x onerror=alert(1)&gt;</code>")
                .contains("<li><strong>a&amp;b</strong> &quot;quoted&quot; &#39;x&#39;</li>")
                .doesNotContain("<img");
    }
}
