package dev.archgate.build;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.platform.Platform;
import dev.archgate.spec.BuildSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Runs {@code docker buildx build} for all platforms at once (BuildKit sessions are not in the
 * Engine API), streaming its progress to the caller's log and reading the result from
 * {@code --metadata-file}. Where the image goes depends on what the engine can hold: pushed to
 * the spec's tags when it asks for a push, else loaded into an engine with the containerd image
 * store, which keeps every platform of one image.
 */
public final class Buildx {
    private static final int ERROR_LINES = 25;
    private final String docker;

    public Buildx(String docker) {
        this.docker = docker;
    }

    public BuildResult build(BuildSpec spec, List<Platform> platforms, boolean containerdStore, Consumer<String> log)
            throws InterruptedException {
        if (!spec.push() && !containerdStore) {
            return new BuildResult(null, null, null, List.of(), "this Docker Engine uses the classic image store, which cannot hold a "
                    + "multi-platform image: enable the containerd image store (\"features\": {\"containerd-snapshotter\": true} in "
                    + "daemon.json) or set build.push with tags in a registry");
        }
        if (spec.push() && spec.tags().isEmpty()) {
            return new BuildResult(null, null, null, List.of(), "build.push is set but build.tags is empty: name where the image goes");
        }
        Path metadata;
        try {
            metadata = Files.createTempFile("archgate-buildx-", ".json");
        } catch (IOException e) {
            return new BuildResult(null, null, null, List.of(), "cannot create a temporary file: " + e.getMessage());
        }
        String localTag = "archgate.local/build:" + UUID.randomUUID().toString().substring(0, 12);
        List<String> cmd = new ArrayList<>(List.of(docker, "buildx", "build", "--progress=plain",
                "--platform", platforms.stream().map(Platform::toString).collect(Collectors.joining(",")),
                "--file", spec.dockerfileOrDefault().toString(), "--metadata-file", metadata.toString()));
        for (Map.Entry<String, String> a : spec.args().entrySet()) {
            cmd.addAll(List.of("--build-arg", a.getKey() + "=" + a.getValue()));
        }
        if (spec.target() != null) {
            cmd.addAll(List.of("--target", spec.target()));
        }
        List<String> tags = spec.push() ? spec.tags() : List.of(spec.tags().isEmpty() ? localTag : spec.tags().get(0));
        tags.forEach(t -> cmd.addAll(List.of("--tag", t)));
        cmd.add(spec.push() ? "--push" : "--load");
        cmd.add(spec.context().toString());
        try {
            List<String> warnings = new ArrayList<>();
            Deque<String> tail = new ArrayDeque<>();
            Consumer<String> lines = line -> {
                log.accept(line);
                if (line.startsWith("WARNING") || line.contains(" WARN: ")) {
                    warnings.add(line.trim());
                }
                tail.addLast(line);
                if (tail.size() > ERROR_LINES) {
                    tail.removeFirst();
                }
            };
            int status = run(cmd, lines);
            if (status != 0 && spec.push() && tail.stream().anyMatch(l -> l.contains("500 Internal Server Error"))) {
                // Registries of the distribution 2.x line answer 500 to a HEAD that meets a tag
                // being written; the build is cached, so one more push costs little.
                log.accept("the registry answered 500 during the push; pushing once more");
                warnings.clear();
                tail.clear();
                status = run(cmd, lines);
            }
            if (status != 0) {
                String error = tail.stream().filter(l -> l.startsWith("ERROR") || l.contains("error:") || l.startsWith(" > ")).findFirst()
                        .orElse(tail.isEmpty() ? "exit status " + status : tail.getLast());
                return new BuildResult(null, null, null, warnings, "docker buildx build failed: " + error.trim());
            }
            JsonObject meta = JsonParser.parseString(Files.readString(metadata)).getAsJsonObject();
            String digest = meta.has("containerimage.digest") ? meta.get("containerimage.digest").getAsString() : null;
            if (spec.push()) {
                String tag = tags.get(0);
                String name = tag.lastIndexOf(':') > tag.lastIndexOf('/') ? tag.substring(0, tag.lastIndexOf(':')) : tag;
                return new BuildResult(digest == null ? tag : name + "@" + digest, tag, digest, warnings, null);
            }
            return new BuildResult("docker-daemon:" + tags.get(0), tags.get(0), digest, warnings, null);
        } catch (IOException e) {
            return new BuildResult(null, null, null, List.of(), "cannot run " + docker + " buildx (" + e.getMessage() + "): install docker-buildx");
        } finally {
            try {
                Files.deleteIfExists(metadata);
            } catch (IOException e) {
                // a temporary file; nothing depends on it
            }
        }
    }

    private static int run(List<String> cmd, Consumer<String> lines) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                lines.accept(line);
            }
            return p.waitFor();
        } finally {
            if (p.isAlive()) {
                p.destroy(); // an interrupted gate stops its build too
            }
        }
    }
}
