package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build that fails for one platform is that platform's failure, not a usage error, and no other platform passes. */
@IntegrationTest
class FailedBuildCommandIT {
    @Test
    void aRunStepFailingForArm64FailsTheGateWithBuildFailedAtItsLineAndChecksNoOtherPlatform(@TempDir Path reports) throws Exception {
        Path context = Fixtures.repositoryRoot().resolve("test-fixtures/broken-build-arm64");
        CliRun run = CliRun.of("gate", "--context", context.toString(), "--platforms", "linux/amd64,linux/arm64",
                "--report-dir", reports.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception:");
        JsonObject report = JsonParser.parseString(Files.readString(reports.resolve("report.json"))).getAsJsonObject();
        assertThat(report.get("verdict").getAsString()).isEqualTo("fail");
        JsonArray platforms = report.getAsJsonArray("platforms");
        for (JsonElement e : platforms) {
            assertThat(e.getAsJsonObject().get("verdict").getAsString()).as("no platform passes: %s", e).isNotEqualTo("pass");
        }
        JsonObject amd64 = platforms.get(0).getAsJsonObject();
        JsonObject arm64 = platforms.get(1).getAsJsonObject();
        assertThat(amd64.get("platform").getAsString()).isEqualTo("linux/amd64");
        assertThat(amd64.get("verdict").getAsString()).isEqualTo("error");
        assertThat(arm64.get("platform").getAsString()).isEqualTo("linux/arm64");
        assertThat(arm64.get("verdict").getAsString()).isEqualTo("fail");
        JsonObject failed = arm64.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertThat(failed.get("check").getAsString()).isEqualTo("build.failed");
        assertThat(failed.get("severity").getAsString()).isEqualTo("error");
        assertThat(failed.get("path").getAsString()).endsWith("broken-build-arm64/Dockerfile:5");
        assertThat(failed.get("message").getAsString()).contains("RUN case", "exit code: 1", "no engine build for aarch64");
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("build.failed");
    }
}
