package hudson;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/Launcher.java): the type only, handed through. */
public abstract class Launcher {
    Launcher() {} // the real constructors take a listener and a channel; nothing offline makes one
}
