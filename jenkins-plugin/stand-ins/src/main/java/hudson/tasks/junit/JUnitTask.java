package hudson.tasks.junit;

/** Stand-in read from junit (jenkinsci/junit-plugin at c64aedde, tag 1424.vc64a_edde7777, src/main/java/hudson/tasks/junit/JUnitTask.java): getTestResults() only. */
public interface JUnitTask {
    String getTestResults();
}
