package hudson.tasks.junit;

import java.util.List;

/**
 * Stand-in read from junit (jenkinsci/junit-plugin at c64aedde, tag 1424.vc64a_edde7777, src/main/java/hudson/tasks/junit/JUnitTask.java):
 * every abstract member; getParsedStdioRetention (a default method) is left out.
 */
public interface JUnitTask {
    String getTestResults();

    double getHealthScaleFactor();

    List<TestDataPublisher> getTestDataPublishers();

    String getStdioRetention();

    boolean isKeepLongStdio();

    boolean isKeepProperties();

    boolean isKeepTestNames();

    boolean isAllowEmptyResults();

    boolean isSkipPublishingChecks();

    String getChecksName();

    boolean isSkipOldReports();
}
