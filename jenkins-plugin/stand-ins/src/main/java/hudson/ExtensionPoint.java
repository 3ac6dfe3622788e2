package hudson;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/ExtensionPoint.java). */
public interface ExtensionPoint {}
