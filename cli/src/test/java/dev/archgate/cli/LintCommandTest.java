package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintCommandTest {
    private static final Path FIXTURES = Path.of("..", "test-fixtures");

    @Test
    void aHardCodedGoarchFailsWithTheLineAndWritesTheReports(@TempDir Path reports) throws Exception {
        CliRun run = CliRun.of("lint", FIXTURES.resolve("broken-goarch/Dockerfile").toString(),
                "--platforms", "linux/amd64,linux/arm64", "--report-dir", reports.toString());

        assertThat(run.status()).isEqualTo(1);
        assertThat(run.out()).contains("dockerfile.hardcoded-arch", "Dockerfile:7", "GOARCH=amd64");
        assertThat(Files.readString(reports.resolve("report.json"))).contains("\"verdict\": \"fail\"");
        assertThat(reports.resolve("junit.xml")).exists();
        assertThat(reports.resolve("summary.md")).exists();
    }

    @Test
    void aGoodDockerfilePasses() {
        CliRun run = CliRun.of("lint", FIXTURES.resolve("good-static/Dockerfile").toString(), "--format", "json");

        assertThat(run.status()).isZero();
        assertThat(run.out()).contains("\"verdict\": \"pass\"");
    }

    @Test
    void badInputGetsOneSentenceAndStatusTwoWithoutAStackTrace() {
        CliRun missing = CliRun.of("lint", "no/such/Dockerfile");
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).isEqualTo("archgate: Dockerfile no/such/Dockerfile does not exist: give the path of the Dockerfile to lint\n");

        CliRun platform = CliRun.of("lint", FIXTURES.resolve("good-static/Dockerfile").toString(), "--platforms", "linux/sparc");
        assertThat(platform.status()).isEqualTo(2);
        assertThat(platform.err()).startsWith("archgate: unknown platform 'linux/sparc'").doesNotContain("Exception").doesNotContain("\tat ");

        CliRun format = CliRun.of("lint", "x", "--format", "yaml");
        assertThat(format.status()).isEqualTo(2);
        assertThat(format.err()).contains("--format").doesNotContain("\tat ");
    }
}
