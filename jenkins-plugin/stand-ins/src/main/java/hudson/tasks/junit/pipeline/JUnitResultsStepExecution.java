package hudson.tasks.junit.pipeline;

import java.util.List;
import org.jenkinsci.plugins.workflow.graph.FlowNode;

/**
 * Stand-in read from junit (jenkinsci/junit-plugin at c64aedde, tag 1424.vc64a_edde7777,
 * src/main/java/hudson/tasks/junit/pipeline/JUnitResultsStepExecution.java): the public static helpers the junit step
 * fills its PipelineTestDetails with; the execution itself is left out.
 */
public class JUnitResultsStepExecution {
    private JUnitResultsStepExecution() {}

    public static List<FlowNode> getEnclosingStagesAndParallels(FlowNode node) {
        throw new UnsupportedOperationException("stand-in: flow graphs exist only in a running Pipeline");
    }

    public static List<String> getEnclosingBlockIds(List<FlowNode> nodes) {
        throw new UnsupportedOperationException("stand-in: flow graphs exist only in a running Pipeline");
    }

    public static List<String> getEnclosingBlockNames(List<FlowNode> nodes) {
        throw new UnsupportedOperationException("stand-in: flow graphs exist only in a running Pipeline");
    }
}
