package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.host.Host;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The buildx inputs end to end: the action's run (in this JVM, with the inputs as the runner passes
 * them) builds with buildx on this machine's engine and pushes to the registry on 127.0.0.1:5000.
 * The image's config, read back from the registry, must carry the {@code labels} input's label and
 * a label the Dockerfile makes from a {@code build-args} value; the build succeeds only when
 * {@code RUN --mount=type=secret} reads exactly the {@code secrets} input's value (the Dockerfile
 * holds its SHA-256, not the value); the value is in no log line, output, summary or report file,
 * and its temporary file is gone after the step.
 */
@IntegrationTest
class BuildxInputsIT {
    private static final String REPO = "archgate/it/buildx-inputs";

    @TempDir
    Path dir;

    @Test
    void labelsABuildArgumentAndASecretReachTheBuildAndTheSecretNothingElse() throws Exception {
        String secret = "tok-" + UUID.randomUUID();
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        Path workspace = Files.createDirectories(dir.resolve("workspace"));
        ActionContractIT.copy(Fixtures.repositoryRoot().resolve("test-fixtures/src"), workspace.resolve("src"));
        Files.writeString(workspace.resolve("src/Dockerfile.inputs"), """
                FROM --platform=$BUILDPLATFORM 127.0.0.1:5000/archgate/bases/go:1.19 AS build
                ARG TARGETOS TARGETARCH
                WORKDIR /src
                COPY hello/ .
                RUN --mount=type=secret,id=token,required=true echo "%s  /run/secrets/token" | sha256sum -c -
                RUN CGO_ENABLED=0 GOOS=$TARGETOS GOARCH=$TARGETARCH go build -trimpath -ldflags=-s -o /out/app .

                FROM scratch
                ARG GREETING
                LABEL dev.archgate.it.greeting=$GREETING
                COPY --from=build /out/app /app
                ENTRYPOINT ["/app"]
                """.formatted(sha));
        String tag = "127.0.0.1:5000/" + REPO + ":" + UUID.randomUUID().toString().substring(0, 8);
        Path output = dir.resolve("output");
        Path summary = dir.resolve("summary");
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("INPUT_"));
        env.putAll(Map.of("GITHUB_WORKSPACE", workspace.toString(), "GITHUB_OUTPUT", output.toString(),
                "GITHUB_STEP_SUMMARY", summary.toString()));
        Map.of("context", "src", "file", "src/Dockerfile.inputs", "platforms", "linux/amd64", "push", "true", "tags", tag,
                "build-args", "GREETING=hello, world", "labels", "org.opencontainers.image.title=archgate-it\nteam=gates,release",
                "secrets", "token=" + secret, "smoke-command", "/app --version", "expect-stdout", "^app ")
                .forEach((k, v) -> env.put(Inputs.variable(k), v));
        Set<Path> tempBefore = secretFiles();

        StringWriter log = new StringWriter();
        int status;
        try (Host host = Host.of(env)) {
            status = new ActionRun(host, env, new PrintWriter(log)).run();
        }

        assertThat(status).as(log.toString()).isZero();
        Map<String, String> outputs = ActionContractIT.parseOutputs(Files.readString(output));
        assertThat(outputs).containsEntry("result", "pass");
        JsonObject labels = config(outputs.get("digest")).getAsJsonObject("config").getAsJsonObject("Labels");
        assertThat(labels.get("org.opencontainers.image.title").getAsString()).isEqualTo("archgate-it");
        assertThat(labels.get("team").getAsString()).isEqualTo("gates,release");
        assertThat(labels.get("dev.archgate.it.greeting").getAsString()).isEqualTo("hello, world");

        // The runner masks a value from the ::add-mask:: line on: it must come before anything else that
        // could hold it (only archgate's version line is printed earlier), and the value nowhere after it.
        String mask = "::add-mask::" + secret + "\n";
        String printed = log.toString();
        assertThat(printed).contains(mask);
        assertThat(printed.substring(0, printed.indexOf(mask))).doesNotContain(secret).doesNotContain("::group::");
        assertThat(printed.substring(printed.indexOf(mask) + mask.length())).doesNotContain(secret);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(secret);
            }
        }
        assertThat(Files.exists(workspace.resolve("archgate-report/report.json"))).isTrue();
        assertThat(secretFiles()).as("the secret's temporary file is removed").isSubsetOf(tempBefore);
    }

    private static Set<Path> secretFiles() throws Exception {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("archgate-secret-")).collect(Collectors.toSet());
        }
    }

    /** The linux/amd64 image config of the pushed digest, as the registry serves it. */
    private static JsonObject config(String digest) throws Exception {
        JsonObject manifest = get("manifests/" + digest);
        if (manifest.has("manifests")) {
            for (JsonElement m : manifest.getAsJsonArray("manifests")) {
                JsonObject p = m.getAsJsonObject().getAsJsonObject("platform");
                if (p != null && "amd64".equals(p.get("architecture").getAsString()) && "linux".equals(p.get("os").getAsString())) {
                    return config(m.getAsJsonObject().get("digest").getAsString());
                }
            }
            throw new AssertionError("no linux/amd64 manifest in " + manifest);
        }
        return get("blobs/" + manifest.getAsJsonObject("config").get("digest").getAsString());
    }

    private static JsonObject get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:5000/v2/" + REPO + "/" + path))
                .header("Accept", String.join(", ", List.of("application/vnd.oci.image.index.v1+json",
                        "application/vnd.docker.distribution.manifest.list.v2+json", "application/vnd.oci.image.manifest.v1+json",
                        "application/vnd.docker.distribution.manifest.v2+json")))
                .build();
        HttpResponse<String> r = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return JsonParser.parseString(r.body()).getAsJsonObject();
    }
}
