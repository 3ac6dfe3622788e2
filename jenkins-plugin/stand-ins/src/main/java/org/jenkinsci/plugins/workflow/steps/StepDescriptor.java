package org.jenkinsci.plugins.workflow.steps;

import hudson.model.Descriptor;
import java.util.Set;

/** Stand-in read from workflow-step-api (jenkinsci/workflow-step-api-plugin at 0773c3c6, tag 710.v3e456cc85233 + 6, src/main/java/org/jenkinsci/plugins/workflow/steps/StepDescriptor.java): the two abstract methods a step implements. */
public abstract class StepDescriptor extends Descriptor<Step> {
    public abstract Set<? extends Class<?>> getRequiredContext();

    public abstract String getFunctionName();
}
