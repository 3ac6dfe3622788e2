package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import com.google.common.util.concurrent.ListenableFuture;
import hudson.model.Result;
import java.io.IOException;
import java.io.Serializable;

/**
 * Stand-in read from workflow-step-api (jenkinsci/workflow-step-api-plugin at 0773c3c6, tag 710.v3e456cc85233 + 6,
 * src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java): every abstract member (onFailure comes from
 * FutureCallback, as in the real one), so that a test double implements what a real context has.
 */
public abstract class StepContext implements FutureCallback<Object>, Serializable {
    private static final long serialVersionUID = 1L;

    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;

    @Override
    public abstract void onSuccess(Object result);

    public abstract boolean isReady();

    public abstract ListenableFuture<Void> saveState();

    public abstract void setResult(Result r);

    public abstract BodyInvoker newBodyInvoker() throws IllegalStateException;

    @Override
    public abstract boolean equals(Object o);

    @Override
    public abstract int hashCode();
}
