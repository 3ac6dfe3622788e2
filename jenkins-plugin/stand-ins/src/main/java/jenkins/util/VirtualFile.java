package jenkins.util;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/jenkins/util/VirtualFile.java):
 * the type only, what ArtifactManager.root returns.
 */
public abstract class VirtualFile {
    VirtualFile() {}
}
