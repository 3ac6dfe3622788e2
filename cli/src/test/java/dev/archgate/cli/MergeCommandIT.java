package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
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

/**
 * Split runs as two machines would make them (each smoke-tests one platform of one image and
 * writes its report), then one merge: the exit statuses of the contract and promotion only
 * after a passing merge, on the merged digest.
 */
@IntegrationTest
class MergeCommandIT {
    private static final String RELEASE = "127.0.0.1:5000/archgate/it/merge";

    private static Path split(Path dir, String image, String platform) {
        Path out = dir.resolve(platform.replace('/', '-'));
        CliRun run = CliRun.of("smoke", image, "--platforms", platform, "--report-dir", out.toString());
        assertThat(run.status()).as(run.err()).isIn(0, 1);
        return out.resolve("report.json");
    }

    @Test
    void twoSplitRunsOfAGoodImageMergeToAPassAndOnlyThenPromoteTheTestedDigest(@TempDir Path dir) throws Exception {
        String image = Fixtures.named("good-static").image();
        Path a = split(dir.resolve("a"), image, "linux/amd64");
        Path b = split(dir.resolve("b"), image, "linux/arm64");
        String tag = "release-" + UUID.randomUUID().toString().substring(0, 8);

        CliRun merged = CliRun.of("merge", a.toString(), b.toString(), "--platforms", "linux/amd64,linux/arm64",
                "--promote", RELEASE + ":" + tag, "--report-dir", dir.resolve("merged").toString());

        assertThat(merged.status()).as(merged.err()).isZero();
        JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("merged/report.json"))).getAsJsonObject();
        assertThat(report.get("verdict").getAsString()).isEqualTo("pass");
        assertThat(report.getAsJsonArray("platforms")).hasSize(2);
        assertThat(Files.readString(dir.resolve("merged/junit.xml"))).contains("name=\"linux/amd64\"", "name=\"linux/arm64\"");
        assertThat(digestOf(tag)).isEqualTo(report.get("digest").getAsString());
    }

    @Test
    void aSplitRunOfABrokenVariantMergesToAFailAndPromotesNothing(@TempDir Path dir) throws Exception {
        String image = Fixtures.named("broken-goarch").image();
        Path a = split(dir.resolve("a"), image, "linux/amd64");
        Path b = split(dir.resolve("b"), image, "linux/arm64");
        String tag = "release-" + UUID.randomUUID().toString().substring(0, 8);

        CliRun merged = CliRun.of("merge", a.toString(), b.toString(), "--platforms", "linux/amd64,linux/arm64",
                "--promote", RELEASE + ":" + tag, "--format", "json");

        assertThat(merged.status()).as(merged.err()).isEqualTo(1);
        JsonObject arm64 = JsonParser.parseString(merged.out()).getAsJsonObject().getAsJsonArray("platforms").get(1).getAsJsonObject();
        assertThat(arm64.get("verdict").getAsString()).isEqualTo("fail");
        assertThat(arm64.getAsJsonArray("smoke").get(0).getAsJsonObject().get("outcome").getAsString()).isEqualTo("smoke.exec-format-error");
        assertThat(merged.err()).contains("not promoting");
        assertThat(status(tag)).isEqualTo(404);
    }

    @Test
    void differentDigestsAMissingPlatformAndATamperedReportGetTheirExitStatuses(@TempDir Path dir) throws Exception {
        Path good = split(dir.resolve("a"), Fixtures.named("good-static").image(), "linux/amd64");
        Path other = split(dir.resolve("b"), Fixtures.named("good-dynamic").image(), "linux/arm64");

        CliRun mixed = CliRun.of("merge", good.toString(), other.toString(), "--platforms", "linux/amd64,linux/arm64");
        assertThat(mixed.status()).as(mixed.err()).isEqualTo(2);
        assertThat(mixed.err()).contains("different images").contains(good + " checked sha256:").doesNotContain("\tat ");

        CliRun missing = CliRun.of("merge", good.toString(), "--platforms", "linux/amd64,linux/s390x");
        assertThat(missing.status()).as(missing.err()).isEqualTo(3);
        assertThat(missing.out()).contains("no report checked linux/s390x");

        Path truncated = Files.writeString(dir.resolve("truncated.json"), Files.readString(good).substring(0, 40));
        CliRun cut = CliRun.of("merge", truncated.toString(), "--platforms", "linux/amd64");
        assertThat(cut.status()).isEqualTo(2);
        assertThat(cut.err().strip()).startsWith("archgate: " + truncated + " is not valid JSON");

        Path edited = Files.writeString(dir.resolve("edited.json"), Files.readString(other).replaceFirst("\"schema\": 1", "\"schema\": 7"));
        assertThat(CliRun.of("merge", edited.toString(), "--platforms", "linux/arm64").status()).isEqualTo(2);
    }

    private static String digestOf(String tag) throws Exception {
        return head(tag).headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private static int status(String tag) throws Exception {
        return head(tag).statusCode();
    }

    private static HttpResponse<Void> head(String tag) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:5000/v2/archgate/it/merge/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.index.v1+json,application/vnd.oci.image.manifest.v1+json").build(),
                HttpResponse.BodyHandlers.discarding());
    }
}
