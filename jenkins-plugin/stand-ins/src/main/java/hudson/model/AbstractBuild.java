package hudson.model;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/AbstractBuild.java): the type only, a bound of AbstractProject. */
public abstract class AbstractBuild<P extends AbstractProject<P, R>, R extends AbstractBuild<P, R>> extends Run<P, R> {
    AbstractBuild() {} // the real constructors take a project; nothing offline makes one
}
