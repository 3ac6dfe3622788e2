package hudson.tasks;

import hudson.ExtensionPoint;
import hudson.model.Describable;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/tasks/Builder.java): a BuildStepCompatibilityLayer, Describable and ExtensionPoint. */
public abstract class Builder extends BuildStepCompatibilityLayer implements Describable<Builder>, ExtensionPoint {}
