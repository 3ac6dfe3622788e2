package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** The {@code archgate} step's execution: the gate on the agent, its test results, reports and page in the build. */
final class ArchgateStepExecution extends ReportStepExecution {
    private static final long serialVersionUID = 1L;

    private final GateParameters parameters;

    ArchgateStepExecution(StepContext context, GateParameters parameters) {
        super(context);
        this.parameters = parameters;
    }

    @Override
    GateOutcome outcome(Run<?, ?> run, TaskListener listener) throws IOException, InterruptedException {
        return GateInBuild.run(parameters, run, required(FilePath.class), required(EnvVars.class), required(Launcher.class), listener);
    }

    /**
     * Aborting the build interrupts {@link #run()}, which waits in the remote call to the agent; remoting passes the
     * interrupt on, and the agent cancels the gate ({@code GateRun.cancel()}: containers removed, nothing promoted).
     */
    @Override
    public void stop(Throwable cause) throws Exception {
        TaskListener listener = getContext().get(TaskListener.class);
        if (listener != null) {
            listener.getLogger().println(Texts.get("Aborting"));
        }
        super.stop(cause);
    }
}
