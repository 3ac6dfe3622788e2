package dev.archgate.jenkins.mapping;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The name of the Checks run (GitHub's check, say) that the junit plugin publishes for a step's test results. junit
 * names its own step's run "Tests / STAGE / BRANCH" (JUnitResultArchiver.parseAndSummarize: the enclosing blocks'
 * names, outermost first, after "Tests"); archgate's run has its own first part, so it never replaces the results of
 * the user's {@code junit} step in the same stage.
 */
public final class TestChecks {
    public static final String NAME = "archgate";

    private TestChecks() {}

    /** The run's name for a step inside {@code enclosingBlockNames} (innermost first, as junit lists them). */
    public static String name(List<String> enclosingBlockNames) {
        List<String> parts = new ArrayList<>(enclosingBlockNames);
        parts.add(NAME);
        Collections.reverse(parts);
        return String.join(" / ", parts);
    }
}
