package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import dev.archgate.jenkins.mapping.TestChecks;
import dev.archgate.jenkins.mapping.WorkspacePaths;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.junit.pipeline.JUnitResultsStepExecution;
import hudson.tasks.test.PipelineTestDetails;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.steps.StepContext;

/** The {@code archgate} step's execution: the gate on the agent, its test results, reports and page in the build. */
final class ArchgateStepExecution extends ReportStepExecution {
    private static final long serialVersionUID = 1L;

    private final GateParameters parameters;
    private final String runId = UUID.randomUUID().toString();
    /** Why the build was aborted, once stop() has cancelled the gate on the agent; run() then ends the step with it. */
    private transient volatile Throwable stopCause;

    ArchgateStepExecution(StepContext context, GateParameters parameters) {
        super(context);
        this.parameters = parameters;
    }

    @Override
    GateOutcome outcome(Run<?, ?> run, TaskListener listener) throws IOException, InterruptedException {
        FlowNode node = required(FlowNode.class);
        // As junit's own step fills them (JUnitResultsStepExecution.run): the results belong to this step's node and
        // show in its stage and parallel branch.
        List<FlowNode> blocks = JUnitResultsStepExecution.getEnclosingStagesAndParallels(node);
        PipelineTestDetails details = new PipelineTestDetails();
        details.setNodeId(node.getId());
        details.setEnclosingBlocks(JUnitResultsStepExecution.getEnclosingBlockIds(blocks));
        List<String> names = JUnitResultsStepExecution.getEnclosingBlockNames(blocks);
        details.setEnclosingBlockNames(names);
        return GateInBuild.run(parameters, defaultReportDir(node.getId()), details, TestChecks.name(names), runId, run,
                required(FilePath.class), required(EnvVars.class), required(Launcher.class), listener);
    }

    /**
     * The step's own report directory when none is given: parallel branches of one build archive into one artifact
     * tree, so each step's reports are named by its flow node, unique in the build ({@code archgate-report-12}).
     */
    static String defaultReportDir(String nodeId) {
        return WorkspacePaths.DEFAULT_REPORT_DIR + "-" + nodeId;
    }

    /**
     * Aborting the build cancels the gate on the agent through a call of its own ({@link CancelOnAgent}), which returns
     * once the gate's containers are removed; the gate's own call then returns its (cancelled) report, which is
     * published, and only then does the step end, with {@code cause}, so the build is not marked aborted while the
     * agent still cleans up. Interrupting the step's thread instead (what SynchronousNonBlockingStepExecution.stop does)
     * would end the step at once: remoting's Request.call answers an interrupt by sending a Cancel to the agent and
     * rethrowing, without waiting. When the gate is not running on the agent (not started yet, or done), or the agent
     * cannot be reached, that interrupt is still what happens.
     */
    @Override
    public void stop(Throwable cause) throws Exception {
        StepContext context = getContext();
        TaskListener listener = context.get(TaskListener.class);
        FilePath workspace = context.get(FilePath.class);
        if (listener != null) {
            listener.getLogger().println(Texts.get("Aborting"));
        }
        if (workspace == null) {
            super.stop(cause);
            return;
        }
        stopCause = cause;
        // stop() is called on the Pipeline's CPS thread, which must not wait for the agent.
        CompletableFuture.runAsync(() -> {
            try {
                if (workspace.act(new CancelOnAgent(runId))) {
                    return; // run() ends the step once the gate's call has returned
                }
            } catch (IOException | InterruptedException | RuntimeException e) {
                if (listener != null) {
                    listener.getLogger().println(Texts.get("AbortUnreachable", e.getMessage()));
                }
            }
            stopCause = null;
            try {
                super.stop(cause);
            } catch (Exception e) {
                context.onFailure(cause);
            }
        });
    }

    @Override
    Throwable stopped() {
        return stopCause;
    }
}
