package dev.archgate.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Report;
import dev.archgate.testing.Fixtures;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class ArchgateVersionTest {
    /** The source of truth: the version the root POM declares, which the build filtered into the resource. */
    private static String pomVersion() throws Exception {
        String pom = Files.readString(Fixtures.repositoryRoot().resolve("pom.xml"));
        Matcher m = Pattern.compile("<artifactId>archgate-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).as("the root POM's version").isTrue();
        return m.group(1);
    }

    @Test
    void theRunningVersionIsThePomsWithTheCommitOfThisCheckoutForADevelopmentBuild() throws Exception {
        String version = pomVersion();
        String current = ArchgateVersion.current();
        if (!version.endsWith("-SNAPSHOT")) {
            assertThat(current).isEqualTo(version);
            return;
        }
        assertThat(current).startsWith(version + "+");
        // The commit git itself names for this checkout (HEAD when these classes were built).
        Process git = new ProcessBuilder("git", "-C", Fixtures.repositoryRoot().toString(), "rev-parse", "HEAD").start();
        String head = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertThat(git.waitFor()).isZero();
        assertThat(head).startsWith(current.substring(version.length() + 1));
    }

    @Test
    void aReleaseIsItsVersionAloneAndADevelopmentBuildNamesItsCommit() {
        assertThat(ArchgateVersion.of("1.2.3", "3f2a1bc")).isEqualTo("1.2.3");
        assertThat(ArchgateVersion.of("0.2.0-SNAPSHOT", "3f2a1bc")).isEqualTo("0.2.0-SNAPSHOT+3f2a1bc");
        assertThat(ArchgateVersion.of("0.2.0-SNAPSHOT", "")).isEqualTo("0.2.0-SNAPSHOT");
    }

    @Test
    void everyReportNamesTheArchgateThatWroteIt() throws Exception {
        String json = ReportJson.toJson(Report.of("x", null, java.util.List.of()));
        var archgate = com.google.gson.JsonParser.parseString(json).getAsJsonObject().getAsJsonObject("archgate");
        assertThat(archgate.get("version").getAsString()).isEqualTo(ArchgateVersion.current()).startsWith(pomVersion());
    }
}
