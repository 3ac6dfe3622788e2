package hudson.tasks;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Collection;
import java.util.List;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3,
 * core/src/main/java/hudson/tasks/BuildStepCompatibilityLayer.java): BuildStep's members for AbstractBuild, which the
 * real one routes to SimpleBuildStep's perform; here nothing builds, so they answer as the real ones do for a step
 * with no project action, and perform refuses.
 */
public abstract class BuildStepCompatibilityLayer implements BuildStep {
    @Override
    public boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener) {
        return true;
    }

    @Override
    public boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws InterruptedException, IOException {
        throw new UnsupportedOperationException("stand-in: freestyle builds run only in a real Jenkins");
    }

    @Override
    public Action getProjectAction(AbstractProject<?, ?> project) {
        return null;
    }

    @Override
    public Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project) {
        return List.of();
    }
}
