package hudson.model;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/Job.java): the type and its bounds only. */
public abstract class Job<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>> implements hudson.ExtensionPoint {
    Job() {} // the real constructor takes a parent and a name; nothing offline makes one
}
