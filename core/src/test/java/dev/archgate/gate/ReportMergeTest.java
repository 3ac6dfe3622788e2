package dev.archgate.gate;

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
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMergeTest {
    private static final Coverage DONE = Coverage.asked(true, 1).withAuditRead();
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Platform S390X = Platform.parse("linux/s390x");
    private static final String DIGEST = "sha256:" + "ab".repeat(32);
    private static final String OTHER = "sha256:" + "cd".repeat(32);

    private static PlatformReport passed(Platform p) {
        return PlatformReport.of(p, DONE, List.of(), List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 10, "")));
    }

    private static PlatformReport failed(Platform p) {
        return PlatformReport.of(p, DONE, List.of(Finding.error(Check.ELF_ARCH_MISMATCH, "/app", "x86-64 code")),
                List.of(new SmokeResult("version", 255, SmokeOutcome.failedBy(Check.SMOKE_EXEC_FORMAT_ERROR), 10, "Invalid ELF image")));
    }

    private static PlatformReport noEmulator(Platform p) {
        return PlatformReport.of(p, DONE, List.of(Finding.error(Check.EMULATION_MISSING, null, "no handler")), List.of());
    }

    private static ReportMerge.Named run(String name, String digest, PlatformReport... platforms) {
        return new ReportMerge.Named(name, Report.of("127.0.0.1:5000/app:candidate", digest, List.of(platforms)));
    }

    @Test
    void splitRunsOfOneDigestThatPassedMergeToAPassInTheRequiredOrder() {
        Report merged = ReportMerge.merge(List.of(run("a", DIGEST, passed(AMD64)), run("b", DIGEST, passed(ARM64))), List.of(ARM64, AMD64));
        assertThat(merged.verdict()).isEqualTo(Verdict.PASS);
        assertThat(merged.digest()).isEqualTo(DIGEST);
        assertThat(merged.platforms()).extracting(PlatformReport::platform).containsExactly(ARM64, AMD64);
    }

    @Test
    void aBrokenVariantMergesToAFailWithItsFindingsIntact() {
        Report merged = ReportMerge.merge(List.of(run("a", DIGEST, passed(AMD64)), run("b", DIGEST, failed(ARM64))), List.of(AMD64, ARM64));
        assertThat(merged.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(merged.platforms().get(1)).isEqualTo(failed(ARM64));
    }

    @Test
    void aRequiredPlatformNoReportCheckedIsAnErrorNamingIt() {
        Report merged = ReportMerge.merge(List.of(run("a", DIGEST, passed(AMD64)), run("b", DIGEST, passed(ARM64))),
                List.of(AMD64, ARM64, S390X));
        assertThat(merged.verdict()).isEqualTo(Verdict.ERROR);
        PlatformReport s390x = merged.platforms().get(2);
        assertThat(s390x.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(s390x.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.PLATFORM_NOT_CHECKED);
            assertThat(f.message()).contains("no report checked linux/s390x");
        });
    }

    @Test
    void aFailureElsewhereOutweighsAnUncheckedPlatform() {
        Report merged = ReportMerge.merge(List.of(run("b", DIGEST, failed(ARM64))), List.of(AMD64, ARM64));
        assertThat(merged.verdict()).isEqualTo(Verdict.FAIL);
    }

    @Test
    void reportsOfDifferentDigestsAreRefusedNamingBoth() {
        assertThatThrownBy(() -> ReportMerge.merge(List.of(run("a/report.json", DIGEST, passed(AMD64)),
                run("b/report.json", OTHER, passed(ARM64))), List.of(AMD64, ARM64)))
                .isInstanceOf(ArchgateException.class)
                .hasMessageContaining("a/report.json checked " + DIGEST).hasMessageContaining("b/report.json checked " + OTHER)
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);
    }

    @Test
    void aPlatformCheckedTwiceNeverHidesAFailureBehindAPass() {
        Report merged = ReportMerge.merge(List.of(run("a", DIGEST, passed(ARM64)), run("b", DIGEST, failed(ARM64))), List.of(ARM64));
        assertThat(merged.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(merged.platforms().get(0).smoke()).hasSize(2);
    }

    @Test
    void aRunThatCouldNotCheckAPlatformGivesWayToOneThatDid() {
        Report merged = ReportMerge.merge(List.of(run("x86", DIGEST, noEmulator(ARM64)), run("arm", DIGEST, passed(ARM64))), List.of(ARM64));
        assertThat(merged.verdict()).isEqualTo(Verdict.PASS);
        Report nobody = ReportMerge.merge(List.of(run("x86", DIGEST, noEmulator(ARM64))), List.of(ARM64));
        assertThat(nobody.verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void aReportWithoutADigestIsAnEnvironmentError() {
        assertThatThrownBy(() -> ReportMerge.merge(List.of(run("a", null, noEmulator(AMD64))), List.of(AMD64)))
                .isInstanceOf(ArchgateException.class).hasMessageContaining("a has no digest")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
    }
}
