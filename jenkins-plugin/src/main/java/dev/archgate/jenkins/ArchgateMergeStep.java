package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.Lines;
import dev.archgate.jenkins.mapping.MergeParameters;
import dev.archgate.jenkins.mapping.ParameterChecks;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.util.FormValidation;
import java.util.List;
import java.util.Set;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The Pipeline step {@code archgateMerge}: one verdict from the reports of {@code archgate} steps that each gated some
 * platforms of one image in parallel branches (each on an agent of its platform's architecture, say), then, on a
 * pass, the promotion of that digest. It runs on the agent of the enclosing {@code node}, where the branches' reports
 * were unstashed; it fails the build like the gate step (a failed or unchecked platform, reports of different digests,
 * a report that cannot be trusted), archives the merged reports, adds a summary page, and returns the same map as
 * {@code archgate}. The reports and the platforms the release requires are mandatory, so they are the constructor's.
 */
public final class ArchgateMergeStep extends Step {
    private final MergeParameters parameters = new MergeParameters();

    @DataBoundConstructor
    public ArchgateMergeStep(List<String> reports, List<String> platforms) {
        parameters.setReports(reports);
        parameters.setPlatforms(platforms);
    }

    /** The bound parameters, as the merge takes them. */
    MergeParameters parameters() {
        return parameters;
    }

    @Override
    public StepExecution start(StepContext context) {
        return new ArchgateMergeStepExecution(context, parameters);
    }

    /** The report directory (or report.json) of each archgate step to merge, relative to the workspace. */
    public List<String> getReports() {
        return parameters.getReports();
    }

    /** The platforms the release requires; one no report checked fails the merge. */
    public List<String> getPlatforms() {
        return parameters.getPlatforms();
    }

    public List<String> getPromote() {
        return parameters.getPromote();
    }

    /** Tags written only when the merged verdict passes (promote:). */
    @DataBoundSetter
    public void setPromote(List<String> promote) {
        parameters.setPromote(promote);
    }

    public String getReportDir() {
        return parameters.getReportDir();
    }

    /** Where the merged report.json, junit.xml and summary.md go, inside the workspace. */
    @DataBoundSetter
    public void setReportDir(String reportDir) {
        parameters.setReportDir(reportDir);
    }

    public boolean isUnstableOnWarning() {
        return parameters.isUnstableOnWarning();
    }

    /** A merged pass with warnings marks the build unstable. */
    @DataBoundSetter
    public void setUnstableOnWarning(boolean unstableOnWarning) {
        parameters.setUnstableOnWarning(unstableOnWarning);
    }

    /** Declares the function name and the context the step needs: a node's workspace holding the reports. */
    @Extension
    public static final class DescriptorImpl extends StepDescriptor {
        @Override
        public String getFunctionName() {
            return "archgateMerge";
        }

        @Override
        public Set<? extends Class<?>> getRequiredContext() {
            return Set.of(Run.class, FilePath.class, Launcher.class, TaskListener.class, EnvVars.class, FlowNode.class);
        }

        @Override
        public String getDisplayName() {
            return Texts.get("ArchgateMergeStep.DisplayName");
        }

        public FormValidation doCheckPlatforms(@QueryParameter String value) {
            return Forms.validation(ParameterChecks.platforms(value));
        }

        /** The text area's content for a list parameter: one item per line. */
        public String lines(List<String> values) {
            return Lines.text(values);
        }
    }
}
