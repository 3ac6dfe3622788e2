package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

/** Stand-in read from workflow-step-api (jenkinsci/workflow-step-api-plugin at 0773c3c6, tag 710.v3e456cc85233 + 6, src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java): constructors, getContext, start, stop. */
public abstract class StepExecution implements Serializable {
    private static final long serialVersionUID = 1L;

    private final StepContext context;

    protected StepExecution() {
        this.context = null;
    }

    protected StepExecution(StepContext context) {
        this.context = context;
    }

    public StepContext getContext() {
        if (context == null) {
            throw new IllegalStateException("this execution was created without a context");
        }
        return context;
    }

    public abstract boolean start() throws Exception;

    public void stop(Throwable cause) throws Exception {
        getContext().onFailure(cause);
    }
}
