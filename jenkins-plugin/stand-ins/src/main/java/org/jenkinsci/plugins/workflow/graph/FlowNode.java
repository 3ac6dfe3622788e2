package org.jenkinsci.plugins.workflow.graph;

import hudson.model.Actionable;

/**
 * Stand-in read from workflow-api (jenkinsci/workflow-api-plugin at cbc88d9c, tag 1413.v2ff1a_5e720fa_ + 4, src/main/java/org/jenkinsci/plugins/workflow/graph/FlowNode.java): an Actionable,
 * which is all the plugin uses of it; Saveable and the graph are left out.
 */
public abstract class FlowNode extends Actionable {}
