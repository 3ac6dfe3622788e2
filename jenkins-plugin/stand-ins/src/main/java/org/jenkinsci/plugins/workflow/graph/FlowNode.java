package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;

/**
 * Stand-in read from workflow-api (jenkinsci/workflow-api-plugin at cbc88d9c, tag 1413.v2ff1a_5e720fa_ + 4, src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java): an Actionable
 * with its id and its one abstract member; Saveable and the graph are left out.
 */
public abstract class FlowNode extends Actionable {
    FlowNode() {} // the real constructor takes a flow execution; nothing offline makes one

    public String getId() {
        throw new UnsupportedOperationException("stand-in: flow nodes exist only in a running Pipeline");
    }

    protected abstract String getTypeDisplayName();
}
