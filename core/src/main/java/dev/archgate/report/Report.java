package dev.archgate.report;

import java.io.Serializable;
import java.util.List;
import java.util.Objects;

/**
 * The result of one archgate run, schema 1 of report.json. {@code digest} is the digest of the
 * index (or single manifest) that was checked, null when the image could not be resolved.
 */
public record Report(Verdict verdict, String image, String digest, List<PlatformReport> platforms)
        implements Serializable {
    public static final int SCHEMA = 1;

    public Report {
        Objects.requireNonNull(verdict, "verdict");
        platforms = List.copyOf(platforms);
    }

    /** A report whose verdict is derived from its platforms. */
    public static Report of(String image, String digest, List<PlatformReport> platforms) {
        return new Report(Verdict.combine(platforms.stream().map(PlatformReport::verdict).toList()), image, digest, platforms);
    }
}
