package hudson.tasks.test;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Stand-in read from junit (jenkinsci/junit-plugin at c64aedde, tag 1424.vc64a_edde7777, src/main/java/hudson/tasks/test/PipelineTestDetails.java):
 * the node id and the enclosing blocks' ids and names (innermost first) that attach test results to a step's node.
 */
public class PipelineTestDetails implements Serializable {
    private static final long serialVersionUID = 1L;

    private String nodeId;
    private List<String> enclosingBlocks = new ArrayList<>();
    private List<String> enclosingBlockNames = new ArrayList<>();

    public String getNodeId() {
        return nodeId;
    }

    public void setNodeId(String nodeId) {
        this.nodeId = nodeId;
    }

    public List<String> getEnclosingBlocks() {
        return enclosingBlocks;
    }

    public void setEnclosingBlocks(List<String> enclosingBlocks) {
        this.enclosingBlocks.clear();
        this.enclosingBlocks.addAll(enclosingBlocks);
    }

    public List<String> getEnclosingBlockNames() {
        return enclosingBlockNames;
    }

    public void setEnclosingBlockNames(List<String> enclosingBlockNames) {
        this.enclosingBlockNames.clear();
        this.enclosingBlockNames.addAll(enclosingBlockNames);
    }
}
