package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.junit.JUnitResultArchiver;
import hudson.tasks.junit.TestResultSummary;
import hudson.tasks.test.PipelineTestDetails;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import jenkins.util.BuildListenerAdapter;

/**
 * What the steps and the builder share: the work on the workspace's agent, then on the controller the report files
 * archived and the summary page, whatever the verdict (a failed gate is when they matter most), and for a gate the
 * per-platform test results through the junit plugin. Mapping the outcome to the build's result is left to the
 * caller, since a Pipeline step and a freestyle builder mark it differently.
 */
final class GateInBuild {
    private GateInBuild() {}

    /**
     * The gate of {@code parameters}, its reports in {@code defaultReportDir} unless told otherwise, published, then its
     * test results recorded: attached to the step's node by {@code testDetails} (null for a freestyle build), under a
     * Checks run of archgate's own named by {@code checksName}; {@code runId} names the gate on the agent ({@link CancelOnAgent}).
     */
    static GateOutcome run(GateParameters parameters, String defaultReportDir, PipelineTestDetails testDetails, String checksName,
            String runId, Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        GateOutcome outcome = workspace.act(new GateOnAgent(parameters, defaultReportDir, runId, env, listener));
        publish(outcome, run, workspace, launcher, listener); // first: the reports hold the root cause, whatever follows
        JUnitResultArchiver junit = junitTask(outcome, checksName);
        if (junit == null) {
            listener.getLogger().println(Texts.get("NoTestResults", outcome.junitXml()));
            return outcome;
        }
        TestResultSummary tests = JUnitResultArchiver.parseAndSummarize(junit, testDetails, run, workspace, launcher, listener);
        listener.getLogger().println(Texts.get("TestResults", tests.getTotalCount(), tests.getFailCount(), outcome.junitXml()));
        return outcome;
    }

    /**
     * What junit is asked to record of {@code outcome}, or null when its junit.xml holds no test case: junit would then
     * abort the step with its own "no test results" message (JUnitResultArchiver.parseAndSummarize) and hide the gate's
     * root cause, which the caller reports instead.
     */
    static JUnitResultArchiver junitTask(GateOutcome outcome, String checksName) {
        if (outcome.testCases() == 0) {
            return null;
        }
        JUnitResultArchiver junit = new JUnitResultArchiver(outcome.junitXml());
        junit.setAllowEmptyResults(false);
        junit.setChecksName(checksName);
        return junit;
    }

    /**
     * The merge on the workspace's agent. Its test results are not recorded: the gates it merges recorded each platform's
     * when they ran in this build, and recording them again would count every test twice.
     */
    static GateOutcome merge(MergeOnAgent merge, Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        GateOutcome outcome = workspace.act(merge);
        publish(outcome, run, workspace, launcher, listener);
        return outcome;
    }

    private static void publish(GateOutcome outcome, Run<?, ?> run, FilePath workspace, Launcher launcher, TaskListener listener)
            throws IOException, InterruptedException {
        Map<String, String> artifacts = new LinkedHashMap<>();
        outcome.reportFiles().forEach(f -> artifacts.put(f, f));
        run.pickArtifactManager().archive(workspace, launcher, BuildListenerAdapter.wrap(listener), artifacts);
        synchronized (run) { // parallel branches may gate in one build: each gets its own page
            int page = run.getActions(ArchgateSummaryAction.class).size() + 1;
            run.addAction(new ArchgateSummaryAction(page, String.valueOf(outcome.stepResult().get("verdict")),
                    outcome.summaryHtml()));
        }
    }
}
