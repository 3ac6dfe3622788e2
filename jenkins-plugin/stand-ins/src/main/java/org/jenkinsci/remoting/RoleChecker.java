package org.jenkinsci.remoting;

import java.util.Collection;

/**
 * Stand-in read from remoting (jenkinsci/remoting, tag 3352.v17a_fb_4b_2773f,
 * src/main/java/org/jenkinsci/remoting/RoleChecker.java): its one abstract member.
 */
public abstract class RoleChecker {
    public abstract void check(RoleSensitive subject, Collection<Role> expected) throws SecurityException;
}
