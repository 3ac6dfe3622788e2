package hudson.tasks.junit;

import java.io.Serializable;

/** Stand-in read from junit (jenkinsci/junit-plugin at c64aedde, tag 1424.vc64a_edde7777, src/main/java/hudson/tasks/junit/TestResultSummary.java): the counts. */
public class TestResultSummary implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int failCount;
    private final int skipCount;
    private final int passCount;
    private final int totalCount;

    public TestResultSummary(int failCount, int skipCount, int passCount, int totalCount) {
        this.failCount = failCount;
        this.skipCount = skipCount;
        this.passCount = passCount;
        this.totalCount = totalCount;
    }

    public int getFailCount() {
        return failCount;
    }

    public int getSkipCount() {
        return skipCount;
    }

    public int getPassCount() {
        return passCount;
    }

    public int getTotalCount() {
        return totalCount;
    }
}
