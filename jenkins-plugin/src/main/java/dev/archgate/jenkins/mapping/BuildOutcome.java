package dev.archgate.jenkins.mapping;

import dev.archgate.findings.Finding;
import dev.archgate.findings.Report;
import dev.archgate.report.RootCause;
import dev.archgate.findings.Severity;
import java.io.Serializable;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a gate's report means for the Jenkins build: a pass is a success, or unstable when it carries warnings and
 * the step asked for that; a failed gate or one that could not check fails the build with the root-cause line.
 *
 * @param message the line for the build log: the root cause of a failure, the first warning of an unstable pass
 */
public record BuildOutcome(Status status, String message) implements Serializable {
    public enum Status { SUCCESS, UNSTABLE, FAILURE }

    public static BuildOutcome of(Report report, boolean unstableOnWarning) {
        switch (report.verdict()) {
            case FAIL, ERROR -> {
                return new BuildOutcome(Status.FAILURE, RootCause.of(report));
            }
            default -> {
                List<String> warnings = warnings(report);
                if (warnings.isEmpty()) {
                    return new BuildOutcome(Status.SUCCESS, "archgate: passed on every platform");
                }
                String first = warnings.size() + " warning" + (warnings.size() == 1 ? "" : "s") + ", first: " + warnings.get(0);
                return unstableOnWarning
                        ? new BuildOutcome(Status.UNSTABLE, "archgate: passed with " + first)
                        : new BuildOutcome(Status.SUCCESS, "archgate: passed with " + first + " (unstableOnWarning is off)");
            }
        }
    }

    /** Warning findings, the image-wide ones (Dockerfile) first, each as "platform check path: message". */
    static List<String> warnings(Report report) {
        Stream<String> imageWide = report.findings().stream().filter(f -> f.severity() == Severity.WARNING).map(RootCause::describe);
        Stream<String> perPlatform = report.platforms().stream().flatMap(p -> p.findings().stream()
                .filter(f -> f.severity() == Severity.WARNING).map((Finding f) -> p.platform() + " " + RootCause.describe(f)));
        return Stream.concat(imageWide, perPlatform).toList();
    }
}
