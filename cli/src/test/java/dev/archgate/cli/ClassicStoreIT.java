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

/**
 * On an engine with the classic image store the gate builds and loads each platform on its own, and
 * still checks them all; a push of several platforms through that engine's docker driver (GitHub's
 * hosted runners) ends as one index of every platform under the tag. Source of truth: a real second
 * dockerd with the classic store (buildx refuses a multi-platform push there: "Multi-platform build
 * is not supported for the docker driver") and the registry's own answer for the pushed tag.
 */
@IntegrationTest
class ClassicStoreIT {
    @Test
    void aGateWithoutPushBuildsOneImagePerPlatformAndChecksEach(@TempDir Path dir) throws Exception {
        Path root = Fixtures.repositoryRoot();
        ClassicEngine engine = ClassicEngine.shared();
        Path reports = dir.resolve("reports");
        String log = gatePasses(engine, "--context", root.resolve("test-fixtures/.work/debroot").toString(),
                "--file", root.resolve("test-fixtures/good-dynamic/Dockerfile").toString(),
                "--platforms", "linux/amd64,linux/arm64", "--tag", "archgate-it/classic:1", "--report-dir", reports.toString());

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

    @Test
    void aMultiPlatformPushThroughTheDockerDriverOfTheClassicStoreIsOneIndexOfEveryPlatformAndIsGated(@TempDir Path dir) throws Exception {
        Path root = Fixtures.repositoryRoot();
        String id = java.util.UUID.randomUUID().toString().substring(0, 8);
        String repo = "127.0.0.1:5000/archgate/it/classic-push";
        ClassicEngine engine = ClassicEngine.shared();
        Path reports = dir.resolve("reports");
        String log = gatePasses(engine, "--context", root.resolve("test-fixtures/src").toString(),
                "--file", root.resolve("test-fixtures/good-static/Dockerfile").toString(),
                "--platforms", "linux/amd64,linux/arm64,linux/arm/v7", "--push", "--tag", repo + ":" + id,
                "--promote", repo + ":release-" + id, "--report-dir", reports.toString(), "--smoke", "/app --version");

        assertThat(log).contains("pushing each to " + repo + ":" + id + "-<platform>").doesNotContain("not supported for the docker driver");
        JsonObject report = JsonParser.parseString(Files.readString(reports.resolve("report.json"))).getAsJsonObject();
        String digest = report.get("digest").getAsString();
        assertThat(report.getAsJsonArray("platforms")).hasSize(3)
                .allSatisfy(p -> assertThat(p.getAsJsonObject().get("verdict").getAsString()).isEqualTo("pass"));
        for (String tag : java.util.List.of(id, "release-" + id)) {
            java.net.http.HttpResponse<String> index = java.net.http.HttpClient.newHttpClient().send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:5000/v2/archgate/it/classic-push/manifests/" + tag))
                            .header("Accept", "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json")
                            .build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(index.statusCode()).as(tag).isEqualTo(200);
            assertThat(index.headers().firstValue("Docker-Content-Digest")).as(tag).contains(digest);
            assertThat(JsonParser.parseString(index.body()).getAsJsonObject().getAsJsonArray("manifests").asList().stream()
                    .map(m -> m.getAsJsonObject().getAsJsonObject("platform"))
                    .map(p -> p.get("architecture").getAsString() + (p.has("variant") ? "/" + p.get("variant").getAsString() : "")))
                    .as(tag).contains("amd64", "arm64", "arm/v7");
        }
    }

    /** bin/archgate gate with these arguments against the classic engine; its output, once it exited 0. */
    private static String gatePasses(ClassicEngine engine, String... args) throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(Fixtures.repositoryRoot().resolve("bin/archgate").toString(), "gate"));
        command.addAll(java.util.List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", engine.host());
        Process gate = pb.start();
        String log = new String(gate.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(gate.waitFor(15, TimeUnit.MINUTES)).isTrue();
        assertThat(gate.exitValue()).as(log).isZero();
        return log;
    }
}
