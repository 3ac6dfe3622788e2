package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.testing.AuthRegistry;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gate as a pipeline calls it: from a Dockerfile to a verdict, reports and (only on a pass) a release tag. */
@IntegrationTest
class GateCommandIT {
    private static final String SRC = Fixtures.repositoryRoot().resolve("test-fixtures/src").toString();
    private static final String REPO = "127.0.0.1:5000/archgate/it/gate";

    private static String dockerfile(String fixture) {
        return Fixtures.repositoryRoot().resolve("test-fixtures").resolve(fixture).resolve("Dockerfile").toString();
    }

    @Test
    void hardCodedGoarchFailsOnArm64WithTheDockerfileLineAndIsNotPromoted(@TempDir Path reports) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        CliRun run = CliRun.of("gate", "--context", SRC, "--file", dockerfile("broken-goarch"), "--platforms", "linux/amd64,linux/arm64",
                "--push", "--tag", REPO + ":broken-" + id, "--promote", REPO + ":release-broken-" + id,
                "--smoke", "/app --version", "--report-dir", reports.toString(), "--format", "json");

        assertThat(run.status()).as(run.err()).isEqualTo(1);
        JsonObject report = JsonParser.parseString(Files.readString(reports.resolve("report.json"))).getAsJsonObject();
        assertThat(report.get("verdict").getAsString()).isEqualTo("fail");
        JsonObject lint = report.getAsJsonArray("findings").get(0).getAsJsonObject();
        assertThat(lint.get("check").getAsString()).isEqualTo("dockerfile.hardcoded-arch");
        assertThat(lint.get("path").getAsString()).endsWith("broken-goarch/Dockerfile:7");
        JsonObject arm64 = report.getAsJsonArray("platforms").get(1).getAsJsonObject();
        assertThat(arm64.get("platform").getAsString()).isEqualTo("linux/arm64");
        assertThat(arm64.get("verdict").getAsString()).isEqualTo("fail");
        assertThat(arm64.getAsJsonArray("findings").toString()).contains("elf.arch-mismatch");
        assertThat(arm64.getAsJsonArray("smoke").get(0).getAsJsonObject().get("outcome").getAsString()).isEqualTo("smoke.exec-format-error");
        assertThat(report.getAsJsonArray("platforms").get(0).getAsJsonObject().get("verdict").getAsString()).isEqualTo("pass");
        assertThat(Files.readString(reports.resolve("summary.md"))).contains("Likely cause:", "Dockerfile:7");
        assertThat(tagExists("release-broken-" + id)).isFalse();
        assertThat(run.err()).contains("not promoting");
    }

    @Test
    void aGoodImagePassesAndItsReleaseTagAppearsOnTheTestedDigest(@TempDir Path reports) throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        CliRun run = CliRun.of("gate", "--context", SRC, "--file", dockerfile("good-static"), "--platforms", "linux/amd64,linux/arm64,linux/s390x",
                "--push", "--tag", REPO + ":good-" + id, "--promote", REPO + ":release-good-" + id,
                "--smoke", "/app --version", "--expect-stdout", "^app 1\\.0\\.0", "--report-dir", reports.toString());

        assertThat(run.status()).as(run.out() + run.err()).isZero();
        String digest = JsonParser.parseString(Files.readString(reports.resolve("report.json"))).getAsJsonObject().get("digest").getAsString();
        assertThat(tagExists("release-good-" + id)).isTrue();
        assertThat(digestOf("release-good-" + id)).isEqualTo(digest);
        assertThat(Files.readString(reports.resolve("junit.xml"))).contains("name=\"linux/s390x\"");
    }

    @Test
    void badInputGetsOneSentenceAndTheContractsExitStatus(@TempDir Path dir) throws Exception {
        Path badYaml = Files.writeString(dir.resolve("bad.yml"), "version: 1\nimage: [unclosed\n");
        Path unknownKey = Files.writeString(dir.resolve("unknown.yml"), "version: 1\nimage: x\nplatform: [linux/amd64]\n");
        String image = Fixtures.named("good-static").image();

        expect(CliRun.of("gate", "--config", dir.resolve("missing.yml").toString()), 2, "does not exist");
        expect(CliRun.of("gate", "--config", badYaml.toString()), 2, "is not valid YAML at line");
        expect(CliRun.of("gate", "--config", unknownKey.toString()), 2, "unknown key 'platform'");
        expect(CliRun.of("gate", "--image", image, "--platforms", "linux/sparc"), 2, "unknown platform 'linux/sparc'");
        expect(CliRun.of("gate", "--context", dir.toString(), "--platforms", "linux/amd64"), 2, "Dockerfile");
        expect(CliRun.of("gate", "--image", "127.0.0.1:5997/team/app:1", "--platforms", "linux/amd64"), 3, "registry 127.0.0.1:5997 is unreachable");
        try (AuthRegistry registry = AuthRegistry.start(dir, 5056)) {
            expect(CliRun.of("gate", "--image", registry.address() + "/team/app:1", "--platforms", "linux/amd64"), 2,
                    "asks for credentials and none are configured: run 'docker login " + registry.address() + "'");
        }
        String before = System.getProperty("DOCKER_HOST");
        System.setProperty("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
        try {
            expect(CliRun.of("gate", "--image", image, "--platforms", "linux/amd64"), 3, "the Docker Engine does not answer");
            // The engine is prepared while the registry is read; with both down the engine is still said first.
            expect(CliRun.of("smoke", "127.0.0.1:5997/team/app:1", "--platforms", "linux/arm64"), 3, "the Docker Engine does not answer");
        } finally {
            if (before == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", before);
            }
        }
    }

    private static void expect(CliRun run, int status, String sentence) {
        assertThat(run.status()).as(run.err()).isEqualTo(status);
        // Progress lines may come first; the failure itself is one line, the last, and no stack trace.
        String last = run.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("archgate: ").contains(sentence);
        assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception:");
    }

    private static boolean tagExists(String tag) throws Exception {
        return head(tag).statusCode() == 200;
    }

    private static String digestOf(String tag) throws Exception {
        return head(tag).headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private static HttpResponse<Void> head(String tag) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:5000/v2/archgate/it/gate/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).header("Accept", "application/vnd.oci.image.index.v1+json").build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
