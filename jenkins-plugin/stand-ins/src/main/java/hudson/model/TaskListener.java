package hudson.model;

import java.io.PrintStream;
import java.io.Serializable;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/TaskListener.java): getLogger() only. The real
 * super-interface is remoting's SerializableOnlyOverRemoting, a Serializable.
 */
public interface TaskListener extends Serializable {
    PrintStream getLogger();
}
