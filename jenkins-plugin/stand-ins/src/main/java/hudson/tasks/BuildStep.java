package hudson.tasks;

import hudson.Launcher;
import hudson.model.AbstractBuild;
import hudson.model.AbstractProject;
import hudson.model.Action;
import hudson.model.BuildListener;
import java.io.IOException;
import java.util.Collection;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/tasks/BuildStep.java):
 * its abstract members, which a Builder gets from BuildStepCompatibilityLayer; getRequiredMonitorService (a default
 * method) and the descriptor lists are left out.
 */
public interface BuildStep {
    boolean prebuild(AbstractBuild<?, ?> build, BuildListener listener);

    boolean perform(AbstractBuild<?, ?> build, Launcher launcher, BuildListener listener) throws InterruptedException, IOException;

    Action getProjectAction(AbstractProject<?, ?> project);

    Collection<? extends Action> getProjectActions(AbstractProject<?, ?> project);
}
