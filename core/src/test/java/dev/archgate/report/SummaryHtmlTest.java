package dev.archgate.report;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * The summary as HTML (the Jenkins build page) says what summary.md says, made from the same document rather than by
 * reading the Markdown back: its table as a table, its findings as lists, and no markup from the image or a finding.
 */
class SummaryHtmlTest {
    private static final Coverage DONE = Coverage.asked(true, 1).withAuditRead();

    @Test
    void theSummaryIsAPlatformByCheckTableAndFindingLists() {
        Report report = Report.of("app:1", "sha256:" + "b".repeat(64), List.of(
                PlatformReport.of(Platform.parse("linux/amd64"), DONE, List.of(), List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 1, ""))),
                PlatformReport.of(Platform.parse("linux/arm64"), DONE, List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code")),
                        List.of(new SmokeResult("version", 255, SmokeOutcome.failedBy(Check.SMOKE_EXEC_FORMAT_ERROR), 1, "exec format error")))));

        String html = SummaryHtml.render(report, "jenkins-table archgate-summary");

        assertThat(html).startsWith("<h2>archgate: FAIL — <code>app:1</code></h2>\n<p>Digest <code>sha256:" + "b".repeat(64) + "</code></p>\n");
        assertThat(html).contains("<table class=\"jenkins-table archgate-summary\">\n"
                + "<tr><th>platform</th><th>verdict</th><th>elf.arch-mismatch</th><th>smoke: version</th></tr>\n"
                + "<tr><td>linux/amd64</td><td>✅ pass</td><td>—</td><td>✅</td></tr>\n"
                + "<tr><td>linux/arm64</td><td>❌ fail</td><td>❌</td><td>❌ smoke.exec-format-error</td></tr>\n</table>");
        assertThat(html).contains("<h3>linux/arm64 — fail</h3>\n<ul>\n<li>❌ <strong>elf.arch-mismatch</strong> <code>/app</code>: x86-64 code</li>\n"
                + "<li>❌ <strong>smoke.exec-format-error</strong> smoke test <code>version</code> (exit 255): exec format error</li>\n</ul>\n");
        assertThat(html).doesNotContain("|---", "**", "`");
    }

    @Test
    void textFromTheImageIsEscapedAndMarkdownInItIsNotInterpreted() {
        Report report = Report.of("<img src=x onerror=alert(1)>", null, List.of(PlatformReport.of(Platform.parse("linux/amd64"), DONE,
                List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/a&b", "\"quoted\" 'x' **not bold** `not code`")), List.of())));

        String html = SummaryHtml.render(report, "x\"onload=\"alert(1)");

        assertThat(html).contains("<code>&lt;img src=x onerror=alert(1)&gt;</code>")
                .contains("<li>❌ <strong>elf.arch-mismatch</strong> <code>/a&amp;b</code>: &quot;quoted&quot; &#39;x&#39; **not bold** `not code`</li>")
                .contains("<table class=\"x&quot;onload=&quot;alert(1)\">")
                .doesNotContain("<img", "<strong>not bold");
    }
}
