package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.BuildOutcome;
import dev.archgate.jenkins.mapping.GateOutcome;
import hudson.AbortException;
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
 * Runs a Pipeline step of archgate off the CPS thread: its work on the agent, then the build result, the same for the
 * gate and the merge. A failed verdict or one that could not check ends the step with an {@link AbortException} whose
 * message is the root-cause line; a pass with warnings and {@code unstableOnWarning} marks the step's node (and the
 * build) unstable. The step returns {@link dev.archgate.jenkins.mapping.StepResult}'s map.
 */
abstract class ReportStepExecution extends SynchronousNonBlockingStepExecution<Map<String, Object>> {
    private static final long serialVersionUID = 1L;

    ReportStepExecution(StepContext context) {
        super(context);
    }

    /** The step's work, its reports published in the build. */
    abstract GateOutcome outcome(Run<?, ?> run, TaskListener listener) throws IOException, InterruptedException;

    @Override
    protected final Map<String, Object> run() throws Exception {
        TaskListener listener = required(TaskListener.class);
        Run<?, ?> run = required(Run.class);
        GateOutcome outcome = outcome(run, listener);
        Throwable stopped = stopped();
        if (stopped != null) {
            listener.getLogger().println(Texts.get("Aborted"));
        }
        if (stopped instanceof Exception e) {
            throw e; // the build was aborted while the work ran: its reports are published, the step ends as aborted
        }
        if (stopped != null) {
            throw new IllegalStateException(stopped);
        }
        return result(outcome, run, required(FlowNode.class), listener);
    }

    /** Why the step was stopped while its work ended on its own, or null; the step then ends with it. */
    Throwable stopped() {
        return null;
    }

    /** What {@code outcome} makes of the build and returns to the script; throws when it fails the build. */
    static Map<String, Object> result(GateOutcome outcome, Run<?, ?> run, FlowNode node, TaskListener listener) throws AbortException {
        String message = outcome.outcome().message();
        if (outcome.outcome().status() == BuildOutcome.Status.FAILURE) {
            throw new AbortException(message);
        }
        listener.getLogger().println(message);
        if (outcome.outcome().status() == BuildOutcome.Status.UNSTABLE) {
            run.setResult(Result.UNSTABLE);
            node.addOrReplaceAction(new WarningAction(Result.UNSTABLE).withMessage(message));
        }
        Map<String, Object> result = new LinkedHashMap<>(outcome.stepResult());
        result.put("reportDir", outcome.reportDir()); // what a parallel branch stashes for archgateMerge
        return result;
    }

    final <T> T required(Class<T> type) throws IOException, InterruptedException {
        T value = getContext().get(type);
        if (value == null) {
            throw new AbortException("archgate: the step has no " + type.getSimpleName()
                    + ": run it inside a node block, e.g. node('docker') { ... }");
        }
        return value;
    }
}
