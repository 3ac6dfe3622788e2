package dev.archgate.build;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What a build that failed for some platforms says about each platform: build.failed at the
 * Dockerfile line of each of its failed steps, or, for a platform whose steps succeeded, that it
 * was not checked, since buildx produced no image of it (never that it passed).
 */
public final class FailedBuildFindings {
    private static final int MAX_TEXT = 300;

    private FailedBuildFindings() {}

    /** @param dockerfile the Dockerfile as the user would open it */
    public static List<Finding> of(BuildFailure failure, Platform p, String dockerfile) {
        List<Finding> findings = new ArrayList<>();
        for (BuildFailure.FailedStep step : failure.steps()) {
            if (step.platform().equals(p)) {
                String where = step.line() > 0 ? dockerfile + ":" + step.line() : dockerfile;
                findings.add(Finding.error(Check.BUILD_FAILED, where, "the build of " + p + " failed at " + where + " in step "
                        + abbreviate(step.step()) + ": " + abbreviate(step.error())
                        + (step.output().isEmpty() ? "" : "; its last output: " + String.join(" | ", step.output()))));
            }
        }
        if (findings.isEmpty()) {
            String failed = failure.steps().stream().map(s -> s.platform().toString()).distinct().collect(Collectors.joining(", "));
            findings.add(Finding.info(Check.BUILD_FAILED, null, "not checked: the build failed for " + failed
                    + ", so buildx produced no image of " + p + " to check; fix that build and run the gate again"));
        }
        return findings;
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 3) + "...";
    }
}
