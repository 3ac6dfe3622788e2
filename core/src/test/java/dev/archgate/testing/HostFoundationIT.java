package dev.archgate.testing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The host does for real what every other test relies on: a multi-platform build, push and run. */
@IntegrationTest
class HostFoundationIT {

    @Test
    void buildsPushesAndRunsOneFixtureForThreePlatforms() throws Exception {
        Path root = Fixtures.repositoryRoot();
        String repo = "archgate/it/foundation";
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        String ref = RealHostExtension.REGISTRY + "/" + repo + ":" + tag;

        // Up to three tries, only for the test registry's own race: on the containerd image store buildx's
        // --push pushes the tag twice (buildkit, then "pushing with docker"), and Debian's registry 2.8
        // writes a tag's link file in place, so a HEAD that meets it half-written is answered 500
        // ("invalid checksum digest format" in its log), as test-fixtures/recipes/image.sh says.
        Result build = null;
        for (int attempt = 0; attempt < 3 && (build == null || build.racedTheRegistry()); attempt++) {
            build = run(root, "docker", "buildx", "build", "--platform", "linux/amd64,linux/arm64,linux/s390x",
                    "-f", "test-fixtures/good-static/Dockerfile", "-t", ref, "--push", "test-fixtures/src");
        }
        assertThat(build.status()).as(build.output()).isZero();

        JsonObject index = JsonParser.parseString(manifest(repo, tag)).getAsJsonObject();
        List<String> platforms = new ArrayList<>();
        for (JsonElement m : index.getAsJsonArray("manifests")) {
            JsonObject platform = m.getAsJsonObject().getAsJsonObject("platform");
            String name = platform.get("os").getAsString() + "/" + platform.get("architecture").getAsString();
            if (!name.equals("unknown/unknown")) { // buildx's attestation manifests
                platforms.add(name);
            }
        }
        assertThat(platforms).containsExactlyInAnyOrder("linux/amd64", "linux/arm64", "linux/s390x");

        Result arm64 = run(root, "docker", "run", "--rm", "--pull", "always", "--platform", "linux/arm64", ref);
        assertThat(arm64.status()).as(arm64.output()).isZero();
        assertThat(arm64.output()).contains("hello from linux/arm64");
        run(root, "docker", "image", "rm", ref);
    }

    private static String manifest(String repo, String tag) throws IOException, InterruptedException {
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://" + RealHostExtension.REGISTRY + "/v2/" + repo + "/manifests/" + tag))
                        .header("Accept", "application/vnd.oci.image.index.v1+json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return r.body();
    }

    private record Result(int status, String output) {
        boolean racedTheRegistry() {
            return status != 0 && output.contains("/manifests/") && output.contains("500 Internal Server Error");
        }
    }

    private static Result run(Path dir, String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("%s finished", List.of(command)).isTrue();
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
