package hudson.tasks;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/tasks/BuildStep.java): the type only; its methods are
 * implemented by Builder's BuildStepCompatibilityLayer, which the plugin does not touch.
 */
public interface BuildStep {}
