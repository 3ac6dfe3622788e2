package hudson.remoting;

/**
 * Stand-in read from jenkinsci/remoting (3355.3357.v931d3c992987, the version Jenkins 2.568.2's pom names;
 * src/main/java/hudson/remoting/VirtualChannel.java): the type only, as the second argument of FileCallable.invoke.
 */
public interface VirtualChannel {}
