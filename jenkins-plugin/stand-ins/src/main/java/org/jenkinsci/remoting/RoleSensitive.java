package org.jenkinsci.remoting;

/**
 * Stand-in read from remoting (jenkinsci/remoting, tag 3352.v17a_fb_4b_2773f,
 * src/main/java/org/jenkinsci/remoting/RoleSensitive.java; the remoting.version of Jenkins 2.541.3's pom.xml): what every
 * FileCallable must answer before it runs on the other side of a channel.
 */
public interface RoleSensitive {
    void checkRoles(RoleChecker checker) throws SecurityException;
}
