package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's first minutes, as the README tells them: {@code archgate init} in a project that holds a Go program and the
 * good-static fixture's Dockerfile (the real sources test-fixtures/build builds), then {@code archgate gate} with
 * nothing else in the same directory. Sources of truth: the real gate's verdict on the written archgate.yml, and
 * action-validator's on the written workflow (dev/validate-workflows, as for the repository's own).
 */
@IntegrationTest
class InitCommandIT {
    @Test
    void initThenGateBuildsAndPassesEveryPlatformItChoseAndASecondInitRefusesToOverwrite(@TempDir Path dir) throws Exception {
        Path cwd = FixtureProject.create(dir.resolve("cwd"), "good-static", "hello");

        // CliProcess runs in dir/cwd: the project's directory, as a user runs init and gate.
        CliProcess init = CliProcess.run(dir, "256m", Duration.ofMinutes(1), Map.of(), "init", "--workflow", "--jenkinsfile");
        assertThat(init.status()).as(init.out() + init.err()).isZero();
        assertThat(init.out()).contains("wrote archgate.yml", "wrote .github/workflows/archgate.yml", "wrote Jenkinsfile", "platforms: linux/amd64, linux/arm64, linux/arm/v7",
                "smoke: ENTRYPOINT [\"/app\"] must start", "next: check archgate.yml, then run 'archgate gate'");
        assertThat(cwd.resolve(".github/workflows/archgate.yml")).isRegularFile();
        assertThat(Files.readString(cwd.resolve("Jenkinsfile"))).contains("archgate config: 'archgate.yml'");
        assertThat(Files.readString(cwd.resolve(".gitignore"))).isEqualTo("/archgate-report/\n");
        Process validate = new ProcessBuilder(Fixtures.repositoryRoot().resolve("dev/validate-workflows").toString(),
                cwd.resolve(".github/workflows/archgate.yml").toString()).redirectErrorStream(true).start();
        String validation = new String(validate.getInputStream().readAllBytes());
        assertThat(validate.waitFor()).as(validation).isZero();

        CliProcess gate = CliProcess.run(dir, "1g", Duration.ofMinutes(10), Map.of(), "gate");
        assertThat(gate.status()).as(gate.out() + gate.err()).isZero();
        JsonObject report = JsonParser.parseString(Files.readString(cwd.resolve("archgate-report/report.json"))).getAsJsonObject();
        assertThat(report.get("verdict").getAsString()).isEqualTo("pass");
        List<String> platforms = new ArrayList<>();
        for (JsonElement p : report.getAsJsonArray("platforms")) {
            platforms.add(p.getAsJsonObject().get("platform").getAsString());
            assertThat(p.getAsJsonObject().getAsJsonArray("smoke").get(0).getAsJsonObject().get("name").getAsString()).isEqualTo("starts");
        }
        assertThat(platforms).containsExactly("linux/amd64", "linux/arm64", "linux/arm/v7");

        String written = Files.readString(cwd.resolve("archgate.yml"));
        CliProcess again = CliProcess.run(dir.resolve("again"), "256m", Duration.ofMinutes(1), Map.of(), "init", "--dir", cwd.toString());
        assertThat(again.status()).isEqualTo(2);
        assertThat(again.err()).isEqualTo("archgate: " + cwd.resolve("archgate.yml") + " already exists: archgate init never overwrites "
                + "a file, so move or delete it and run archgate init again\n");
        assertThat(cwd.resolve("archgate.yml")).hasContent(written);
    }
}
