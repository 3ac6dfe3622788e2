package dev.archgate.findings;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of one archgate run, schema 1 of report.json. {@code digest} is the digest of the
 * index (or single manifest) that was checked, null when the image could not be resolved.
 * {@code findings} are about the image as a whole rather than one platform (the Dockerfile lint);
 * an error among them fails the gate too.
 */
public record Report(Verdict verdict, String image, String digest, List<Finding> findings, List<PlatformReport> platforms)
        implements Serializable {
    public static final int SCHEMA = 1;

    public Report {
        Objects.requireNonNull(verdict, "verdict");
        findings = List.copyOf(findings);
        platforms = List.copyOf(platforms);
    }

    /** A report whose verdict is derived from its platforms. */
    public static Report of(String image, String digest, List<PlatformReport> platforms) {
        return of(image, digest, List.of(), platforms);
    }

    /**
     * The report of a Dockerfile lint, where no platform is checked: it fails on an error finding
     * and otherwise passes, since the lint itself is all that was asked for.
     */
    public static Report linted(String dockerfile, List<Finding> findings) {
        boolean error = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        return new Report(error ? Verdict.FAIL : Verdict.PASS, dockerfile, null, findings, List.of());
    }

    /** A report whose verdict is derived from its platforms and its image-wide findings. */
    public static Report of(String image, String digest, List<Finding> findings, List<PlatformReport> platforms) {
        List<Verdict> parts = new ArrayList<>(platforms.stream().map(PlatformReport::verdict).toList());
        if (parts.isEmpty()) {
            return new Report(Verdict.ERROR, image, digest, findings, platforms);
        }
        boolean imageError = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR);
        if (imageError) {
            parts.add(Verdict.FAIL);
        }
        return new Report(Verdict.combine(parts), image, digest, findings, platforms);
    }
}
