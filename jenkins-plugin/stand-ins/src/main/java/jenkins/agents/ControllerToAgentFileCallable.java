package jenkins.agents;

import hudson.FilePath;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/jenkins/agents/ControllerToAgentFileCallable.java); checkRoles left out. */
public interface ControllerToAgentFileCallable<T> extends FilePath.FileCallable<T> {}
