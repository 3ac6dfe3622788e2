package dev.archgate.report;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * archgate's own version, one string for every door (the CLI's {@code --version}, the Action's
 * log, report.json): the Maven project version the build wrote into {@code version.properties},
 * and for a development build ({@code -SNAPSHOT}) the git commit after a {@code +}, as semantic
 * versioning writes build metadata ({@code 0.1.0-SNAPSHOT+3f2a1bc}). A release is its version alone.
 */
public final class ArchgateVersion {
    private static final String CURRENT = load();

    private ArchgateVersion() {}

    /** The version of the archgate running now. */
    public static String current() {
        return CURRENT;
    }

    /** The version string of a build of {@code version} from {@code commit} (null or empty when unknown). */
    static String of(String version, String commit) {
        boolean development = version.endsWith("-SNAPSHOT");
        return development && commit != null && !commit.isBlank() ? version + "+" + commit : version;
    }

    private static String load() {
        Properties p = new Properties();
        try (InputStream in = ArchgateVersion.class.getResourceAsStream("version.properties")) {
            if (in == null) {
                throw new IllegalStateException("archgate was built without dev/archgate/report/version.properties");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // Outside a git checkout (a release's exported tree) the build leaves the placeholder unfilled.
        String commit = p.getProperty("commit", "");
        return of(p.getProperty("version"), commit.startsWith("${") ? "" : commit);
    }
}
