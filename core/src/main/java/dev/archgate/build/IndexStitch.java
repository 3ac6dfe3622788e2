package dev.archgate.build;

import com.google.gson.JsonParser;
import dev.archgate.host.DockerCli;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Joins platform manifests already pushed (each named by its digest) into one image index under tags, with
 * {@code docker buildx imagetools create} (a registry-side write: nothing is pulled here), and
 * reads back the digest of the index it wrote ({@code imagetools inspect}, as buildx 0.13 has no
 * metadata file for {@code create}).
 */
final class IndexStitch {
    /** The index's digest, or why it could not be written. */
    record Result(String digest, BuildFailure failure) {}

    private final DockerCli docker;
    private final String builder;

    /** @param builder the buildx builder whose registry settings apply, null for the current one */
    IndexStitch(DockerCli docker, String builder) {
        this.docker = docker;
        this.builder = builder;
    }

    /**
     * @param manifests {@code repository@sha256:...} of each platform, all in the registry of the tags
     */
    Result create(List<String> manifests, List<String> tags, Consumer<String> log) throws InterruptedException {
        List<String> create = command("create");
        tags.forEach(t -> create.addAll(List.of("--tag", t)));
        create.addAll(manifests);
        List<String> output = new ArrayList<>();
        try {
            int status = Buildx.run(docker, create, line -> {
                output.add(line);
                log.accept(line);
            });
            if (status != 0) {
                String last = output.isEmpty() ? "exit status " + status : output.get(output.size() - 1);
                return new Result(null, BuildFailure.environment("cannot write the index of " + manifests.size()
                        + " platforms under " + String.join(", ", tags) + ": " + last));
            }
            List<String> inspect = command("inspect");
            inspect.addAll(List.of(tags.get(0), "--format", "{{json .Manifest}}"));
            // Standard output only: the descriptor is indented JSON, and a credential helper may
            // write lines of its own on standard error (a JVM helper: "Picked up JAVA_TOOL_OPTIONS").
            Process p = docker.command(inspect).redirectErrorStream(false).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String json = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).strip();
            status = p.waitFor();
            if (status != 0 || !json.startsWith("{")) {
                return new Result(null, BuildFailure.environment("wrote the index under " + tags.get(0) + " but cannot read it back "
                        + "(docker buildx imagetools inspect " + tags.get(0) + " exits " + status + ")"));
            }
            return new Result(JsonParser.parseString(json).getAsJsonObject().get("digest").getAsString(), null);
        } catch (IOException e) {
            return new Result(null, BuildFailure.environment("cannot run " + docker.program() + " buildx imagetools (" + e.getMessage()
                    + "): install docker-buildx"));
        }
    }

    private List<String> command(String verb) {
        List<String> cmd = new ArrayList<>(List.of("buildx"));
        if (builder != null) {
            cmd.addAll(List.of("--builder", builder));
        }
        cmd.addAll(List.of("imagetools", verb));
        return cmd;
    }
}
