package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.BuildOutcome;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs the step off the CPS thread: the gate on the agent, then the build result. A failed gate or one that could not
 * check ends the step with an {@link AbortException} whose message is the root-cause line; a pass with warnings and
 * {@code unstableOnWarning} marks the step's node (and the build) unstable.
 */
final class ArchgateStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    private final GateParameters parameters;

    ArchgateStepExecution(StepContext context, GateParameters parameters) {
        super(context);
        this.parameters = parameters;
    }

    @Override
    protected Map<String, Object> run() throws Exception {
        TaskListener listener = required(TaskListener.class);
        Run<?, ?> run = required(Run.class);
        GateOutcome outcome = GateInBuild.run(parameters, run, required(FilePath.class), required(EnvVars.class),
                required(Launcher.class), listener);
        String message = outcome.outcome().message();
        if (outcome.outcome().status() == BuildOutcome.Status.FAILURE) {
            throw new AbortException(message);
        }
        listener.getLogger().println(message);
        if (outcome.outcome().status() == BuildOutcome.Status.UNSTABLE) {
            run.setResult(Result.UNSTABLE);
            required(FlowNode.class).addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
        }
        return new LinkedHashMap<>(outcome.stepResult());
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

    private <T> T required(Class<T> type) throws IOException, InterruptedException {
        T value = getContext().get(type);
        if (value == null) {
            throw new AbortException("archgate: the step has no " + type.getSimpleName()
                    + ": run it inside a node block, e.g. node('docker') { archgate ... }");
        }
        return value;
    }
}
