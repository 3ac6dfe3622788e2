package hudson.remoting;

/**
 * Stand-in read from remoting (jenkinsci/remoting, tag 3352.v17a_fb_4b_2773f,
 * src/main/java/hudson/remoting/VirtualChannel.java; the remoting.version of Jenkins 2.541.3's pom.xml): the type only, as the second argument of FileCallable.invoke.
 */
public interface VirtualChannel {}
