package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.TestChecks;
import dev.archgate.platform.Platform;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import hudson.tasks.junit.JUnitResultArchiver;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a gate's test results are handed to the junit plugin, read against jenkinsci/junit-plugin
 * src/main/java/hudson/tasks/junit/JUnitResultArchiver.java (tag 1424.vc64a_edde7777, {@code parseAndSummarize}): with a
 * Checks name of archgate's own (junit's default, "Tests / STAGE / BRANCH", is what the user's own {@code junit} step in the
 * same stage publishes under, so one would replace the other), and never for a junit.xml without a test case, for which
 * parseAndSummarize throws its own AbortException ("None of the test reports contained any result") that would replace
 * the gate's root cause as the build's failure.
 */
class TestRecordingTest {
    private static final Coverage DONE = Coverage.asked(true, 1).withAuditRead();

    @Test
    void theChecksRunIsArchgatesOwnInsideTheStepsStageAndBranch() {
        assertThat(TestChecks.name(List.of("amd64", "Gate"))).isEqualTo("archgate / Gate / amd64");
        assertThat(TestChecks.name(List.of())).isEqualTo("archgate");

        GateOutcome outcome = GateOutcome.of(Report.of("reg.example/app:1", "sha256:" + "ab".repeat(32), List.of(
                PlatformReport.of(Platform.parse("linux/amd64"), DONE, List.of(), List.of(new SmokeResult("version", 0, SmokeOutcome.PASSED, 10, ""))))),
                false, "archgate-report-7");
        JUnitResultArchiver junit = GateInBuild.junitTask(outcome, TestChecks.name(List.of("Gate")));
        assertThat(junit.getTestResults()).isEqualTo("archgate-report-7/junit.xml");
        assertThat(junit.getChecksName()).isEqualTo("archgate / Gate").doesNotStartWith("Tests");
        assertThat(outcome.testCases()).as("the verdict and the smoke test").isEqualTo(2);
    }

    @Test
    void aReportWithoutATestCaseIsNotHandedToJunit() {
        GateOutcome outcome = GateOutcome.of(Report.of("reg.example/app:1", null, List.of()), false, "archgate-report-7");

        assertThat(outcome.testCases()).isZero();
        assertThat(GateInBuild.junitTask(outcome, TestChecks.NAME)).isNull();
    }
}
