package jenkins.agents;

import hudson.FilePath;
import org.jenkinsci.remoting.RoleChecker;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/jenkins/agents/ControllerToAgentFileCallable.java): checkRoles answers for the
 * controller-to-agent direction (the real one checks Roles.SLAVE; offline nothing crosses a channel).
 */
public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {
    @Override
    default void checkRoles(RoleChecker checker) throws SecurityException {}
}
