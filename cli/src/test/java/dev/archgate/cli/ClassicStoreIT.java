package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.testing.ClassicEngine;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** On an engine with the classic image store the gate builds and loads each platform on its own, and still checks them all. */
@IntegrationTest
class ClassicStoreIT {
    @Test
    void aGateWithoutPushBuildsOneImagePerPlatformAndChecksEach(@TempDir Path dir) throws Exception {
        Path root = Fixtures.repositoryRoot();
        try (ClassicEngine engine = ClassicEngine.start(dir)) {
            Path reports = dir.resolve("reports");
            ProcessBuilder pb = new ProcessBuilder(root.resolve("bin/archgate").toString(), "gate",
                    "--context", root.resolve("test-fixtures/.work/debroot").toString(),
                    "--file", root.resolve("test-fixtures/good-dynamic/Dockerfile").toString(),
                    "--platforms", "linux/amd64,linux/arm64", "--tag", "archgate-it/classic:1", "--report-dir", reports.toString())
                    .redirectErrorStream(true);
            pb.environment().put("DOCKER_HOST", engine.host());
            Process gate = pb.start();
            String log = new String(gate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(gate.waitFor(10, TimeUnit.MINUTES)).isTrue();

            assertThat(gate.exitValue()).as(log).isZero();
            assertThat(log).contains("classic image store: building and loading each platform on its own");
            JsonObject report = JsonParser.parseString(Files.readString(reports.resolve("report.json"))).getAsJsonObject();
            assertThat(report.getAsJsonArray("platforms")).hasSize(2).allSatisfy(p -> {
                assertThat(p.getAsJsonObject().get("verdict").getAsString()).isEqualTo("pass");
                assertThat(p.getAsJsonObject().getAsJsonArray("smoke")).hasSize(1);
            });
            Process images = engine.docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", "archgate-it/classic");
            String listed = new String(images.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            images.waitFor();
            assertThat(listed.lines()).containsExactlyInAnyOrder("archgate-it/classic:1-linux-amd64", "archgate-it/classic:1-linux-arm64");
        }
    }

}
