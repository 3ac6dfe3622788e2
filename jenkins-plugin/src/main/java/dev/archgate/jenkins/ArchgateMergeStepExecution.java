package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.MergeParameters;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** The {@code archgateMerge} step's execution: the merge on the agent, its reports and page in the build. */
final class ArchgateMergeStepExecution extends ReportStepExecution {
    private static final long serialVersionUID = 1L;

    private final MergeParameters parameters;

    ArchgateMergeStepExecution(StepContext context, MergeParameters parameters) {
        super(context);
        this.parameters = parameters;
    }

    @Override
    GateOutcome outcome(Run<?, ?> run, TaskListener listener) throws IOException, InterruptedException {
        return GateInBuild.merge(new MergeOnAgent(parameters, required(EnvVars.class), listener), run, required(FilePath.class), required(Launcher.class), listener);
    }
}
