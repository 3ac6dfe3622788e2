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
import org.jenkinsci.plugins.workflow.graph.FlowNode;
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
        FlowNode node = required(FlowNode.class);
        // As junit's own step fills them (JUnitResultsStepExecution.run): the results belong to this step's node and
        // show in its stage and parallel branch.
        List<FlowNode> blocks = JUnitResultsStepExecution.getEnclosingStagesAndParallels(node);
        PipelineTestDetails details = new PipelineTestDetails();
        details.setNodeId(node.getId());
        details.setEnclosingBlocks(JUnitResultsStepExecution.getEnclosingBlockIds(blocks));
        List<String> names = JUnitResultsStepExecution.getEnclosingBlockNames(blocks);
        details.setEnclosingBlockNames(names);
        return GateInBuild.run(parameters, defaultReportDir(node.getId()), details, TestChecks.name(names), run,
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
