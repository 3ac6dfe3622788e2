package jenkins.util;

import hudson.model.BuildListener;
import hudson.model.TaskListener;
import java.io.PrintStream;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/jenkins/util/BuildListenerAdapter.java): wrap(TaskListener). */
public final class BuildListenerAdapter implements BuildListener {
    private static final long serialVersionUID = 1L;

    private final TaskListener delegate;

    private BuildListenerAdapter(TaskListener delegate) {
        this.delegate = delegate;
    }

    public static BuildListener wrap(TaskListener l) {
        return l instanceof BuildListener b ? b : new BuildListenerAdapter(l);
    }

    @Override
    public PrintStream getLogger() {
        return delegate.getLogger();
    }
}
