package org.jenkinsci.remoting;

/**
 * Stand-in read from remoting (jenkinsci/remoting, tag 3352.v17a_fb_4b_2773f,
 * src/main/java/org/jenkinsci/remoting/Role.java): a named role.
 */
public final class Role {
    private final String name;

    public Role(String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }
}
