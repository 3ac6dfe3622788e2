package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

/**
 * Stand-in read from workflow-step-api (jenkinsci/workflow-step-api-plugin at 0773c3c6, tag 710.v3e456cc85233 + 6, src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java): get(Class) and onSuccess (onFailure comes
 * from FutureCallback, as in the real one); the body, saveState and setResult methods are left out.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);
}
