package org.jenkinsci.plugins.workflow.steps;

/**
 * Stand-in read from workflow-step-api (jenkinsci/workflow-step-api-plugin at 0773c3c6, tag 710.v3e456cc85233 + 6,
 * src/main/java/org/jenkinsci/plugins/workflow/steps/BodyInvoker.java): the type only, what StepContext.newBodyInvoker
 * returns; archgate's steps take no body.
 */
public abstract class BodyInvoker {
    BodyInvoker() {} // made only by a running Pipeline
}
