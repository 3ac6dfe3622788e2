package dev.archgate.jenkins.mapping;

import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Verdict;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the {@code archgate} and {@code archgateMerge} steps return to a scripted Pipeline: a map (which the Groovy
 * sandbox lets a script read without an approval) of {@code verdict} (pass, fail, error), {@code image}, {@code digest}
 * (null when the image could not be resolved), {@code failedPlatforms} (failed or unchecked, in gate order),
 * {@code platforms} (all) and {@code warnings} (their number).
 */
public final class StepResult {
    private StepResult() {}

    public static Map<String, Object> of(Report report) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("verdict", report.verdict().id());
        out.put("image", report.image());
        out.put("digest", report.digest());
        out.put("failedPlatforms", new ArrayList<>(report.platforms().stream()
                .filter(p -> p.verdict() != Verdict.PASS).map(p -> p.platform().toString()).toList()));
        out.put("platforms", new ArrayList<>(report.platforms().stream().map(PlatformReport::platform).map(Object::toString).toList()));
        out.put("warnings", BuildOutcome.warnings(report).size());
        return out;
    }
}
