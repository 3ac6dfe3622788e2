package hudson.model;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/AbstractProject.java): the type only, named by
 * BuildStepDescriptor.isApplicable.
 */
public abstract class AbstractProject<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Job<P, R> {
    AbstractProject() {} // the real constructors take a parent and a name; nothing offline makes one
}
