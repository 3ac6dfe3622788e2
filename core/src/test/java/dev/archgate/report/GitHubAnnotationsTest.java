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
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GitHubAnnotationsTest {
    /** Both stages ran to their end: the audit read every layer, the one smoke test has a result. */
    private static final Coverage AUDITED_AND_ONE_SMOKE = Coverage.asked(true, 1).withAuditRead();

    /** Source of truth: GitHub's limit of 10 annotations per type per step (actions/runner's ExecutionContext; ENVIRONMENT.md). */
    @Test
    void errorsComeFirstTenOfEachTypeAndANoticeCountsTheRest() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(Finding.warning(Check.POLICY_ROOT_USER, null, "root " + i));
        }
        for (int i = 0; i < 10; i++) {
            many.add(Finding.error(Check.ELF_ARCH_MISMATCH, "/app" + i, "x86-64 code, but linux/arm64 runs AArch64 code"));
        }
        Report report = Report.of("img", null, List.of(Finding.error(Check.DOCKERFILE_HARDCODED_ARCH, "Dockerfile:7", "GOARCH=amd64: 100%\nfix")),
                List.of(PlatformReport.of(Platform.parse("linux/arm64"), AUDITED_AND_ONE_SMOKE, many, List.of())));

        List<String> lines = GitHubAnnotations.render(report);

        assertThat(lines).hasSize(21);
        assertThat(lines.get(0)).isEqualTo("::error file=Dockerfile,line=7,title=dockerfile.hardcoded-arch::GOARCH=amd64: 100%25%0Afix");
        assertThat(lines.get(1)).isEqualTo("::error title=linux/arm64 elf.arch-mismatch::/app0: x86-64 code, but linux/arm64 runs AArch64 code");
        assertThat(lines.subList(0, 10)).allMatch(l -> l.startsWith("::error "));
        assertThat(lines.subList(10, 20)).allMatch(l -> l.startsWith("::warning title=linux/arm64 policy.root-user::"));
        assertThat(lines.get(20)).isEqualTo("::notice title=archgate::1 more error and 2 more warnings than GitHub shows per step are in the "
                + "job summary and report.json");
    }

    @Test
    void noNoticeWhenEveryFindingFits() {
        Report report = Report.of("img", null, List.of(), List.of(PlatformReport.of(Platform.parse("linux/arm64"), AUDITED_AND_ONE_SMOKE,
                List.of(Finding.warning(Check.POLICY_ROOT_USER, null, "root")), List.of())));

        assertThat(GitHubAnnotations.render(report)).hasSize(2).noneMatch(l -> l.startsWith("::notice"));
    }

    @Test
    void aReportSurvivesJavaSerializationForAdaptersThatPassItAcrossProcesses() throws Exception {
        Report report = Report.of("img", "sha256:1", List.of(), List.of(PlatformReport.of(Platform.parse("linux/arm/v7"), AUDITED_AND_ONE_SMOKE,
                List.of(Finding.error(Check.ELF_ARM_LEVEL, "/bin/x", "ARMv7")), List.of(new SmokeResult("t", 132, SmokeOutcome.failedBy(Check.SMOKE_SIGNAL), 5, "SIGILL")))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(report);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(report);
        }
    }
}
