package hudson.model;

/**
 * Stand-in read from Jenkins core 2.541.3 (jenkinsci/jenkins, tag jenkins-2.541.3, core/src/main/java/hudson/model/Describable.java). Its default getDescriptor()
 * looks the descriptor up in the running Jenkins and is left out: the plugin never calls it.
 */
public interface Describable<T extends Describable<T>> {}
