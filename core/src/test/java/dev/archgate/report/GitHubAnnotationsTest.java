package dev.archgate.report;

import static org.assertj.core.api.Assertions.assertThat;

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

    @Test
    void errorsComeFirstAtMostTenAndDockerfileFindingsPointAtTheirLine() {
        List<Finding> many = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            many.add(Finding.warning(Check.POLICY_ROOT_USER, null, "root " + i));
        }
        many.add(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code, but linux/arm64 runs AArch64 code"));
        Report report = Report.of("img", null, List.of(Finding.error(Check.DOCKERFILE_HARDCODED_ARCH, "Dockerfile:7", "GOARCH=amd64: 100%\nfix")),
                List.of(PlatformReport.of(Platform.parse("linux/arm64"), AUDITED_AND_ONE_SMOKE, many, List.of())));

        List<String> lines = GitHubAnnotations.render(report);

        assertThat(lines).hasSize(10);
        assertThat(lines.get(0)).isEqualTo("::error file=Dockerfile,line=7,title=dockerfile.hardcoded-arch::GOARCH=amd64: 100%25%0Afix");
        assertThat(lines.get(1)).isEqualTo("::error title=linux/arm64 elf.arch-mismatch::/app: x86-64 code, but linux/arm64 runs AArch64 code");
        assertThat(lines.get(2)).startsWith("::warning title=linux/arm64 policy.root-user::");
    }

    @Test
    void aReportSurvivesJavaSerializationForAdaptersThatPassItAcrossProcesses() throws Exception {
        Report report = Report.of("img", "sha256:1", List.of(), List.of(PlatformReport.of(Platform.parse("linux/arm/v7"), AUDITED_AND_ONE_SMOKE,
                List.of(Finding.error(Check.ELF_ARM_LEVEL, "/bin/x", "ARMv7")), List.of(new SmokeResult("t", 132, "smoke.signal", 5, "SIGILL")))));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(report);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertThat(in.readObject()).isEqualTo(report);
        }
    }
}
