package hudson.model;

/** Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/Action.java); ModelObject and getDescription() left out. */
public interface Action {
    String getIconFileName();

    String getDisplayName();

    String getUrlName();
}
