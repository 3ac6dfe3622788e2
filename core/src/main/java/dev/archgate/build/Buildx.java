package dev.archgate.build;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.host.DockerCli;
import dev.archgate.platform.Platform;
import dev.archgate.spec.BuildSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Runs {@code docker buildx build} for all platforms at once (BuildKit sessions are not in the
 * Engine API), streaming its progress to the caller's log and reading the result from
 * {@code --metadata-file}. Where the image goes depends on what the engine can hold: pushed to
 * the spec's tags when it asks for a push, else loaded into an engine with the containerd image
 * store, which keeps every platform of one image, else (the classic store) built and loaded once
 * per platform, each platform as an image of its own. A push of several platforms through the
 * {@code docker} driver on the classic store (GitHub's hosted runners) is refused by buildx
 * ("Multi-platform build is not supported for the docker driver"), so there each platform is
 * built and pushed on its own and {@link IndexStitch} joins them by digest under the tags.
 */
public final class Buildx {
    private final DockerCli docker;
    private final String builder;
    private final String driver;
    private final Function<Platform, String> emulators;

    /** @param builder the buildx builder to use, null for buildx's current one */
    public Buildx(DockerCli docker, String builder) {
        this(docker, builder, null);
    }

    /**
     * @param builder the buildx builder to use, null for buildx's current one (which honours BUILDX_BUILDER)
     * @param driver that builder's driver as {@code docker buildx inspect} names it, null when not known
     */
    public Buildx(DockerCli docker, String builder, String driver) {
        this(docker, builder, driver, p -> null);
    }

    private Buildx(DockerCli docker, String builder, String driver, Function<Platform, String> emulators) {
        this.docker = docker;
        this.builder = builder;
        this.driver = driver;
        this.emulators = emulators;
    }

    /**
     * The same builds, knowing the QEMU that runs the builder's steps of each platform (null where not
     * known), so that a step that died with a known-bad release names it.
     */
    public Buildx emulatedBy(Function<Platform, String> qemu) {
        return new Buildx(docker, builder, driver, qemu);
    }

    public BuildResult build(BuildSpec spec, List<Platform> platforms, boolean containerdStore, Consumer<String> log)
            throws InterruptedException {
        if (spec.push() && spec.tags().isEmpty()) {
            return BuildResult.failed(List.of(), BuildFailure.usage("build.push is set but build.tags is empty: name where the image goes"));
        }
        if (!spec.push() && !containerdStore) {
            return perPlatform(spec, platforms, log);
        }
        if (spec.push() && !containerdStore && "docker".equals(driver) && platforms.size() > 1) {
            return pushedPerPlatform(spec, platforms, log);
        }
        List<String> tags = spec.push() ? spec.tags() : List.of(spec.tags().isEmpty() ? localTag() : spec.tags().get(0));
        return once(spec, platforms, tags, outputs(spec.push()), log);
    }

    /**
     * The docker driver on the classic store pushes one platform per build, and only to a tag (buildx:
     * "push-by-digest is currently not implemented for docker driver"): each platform goes to the
     * first tag plus its platform ({@code :candidate-linux-arm64}, as a load on this store names
     * it), then one index over those digests is written under every tag, as docker's guide to
     * split multi-platform builds does.
     */
    private BuildResult pushedPerPlatform(BuildSpec spec, List<Platform> platforms, Consumer<String> log) throws InterruptedException {
        String first = spec.tags().get(0);
        String repository = repository(first);
        List<String> warnings = new ArrayList<>();
        List<String> manifests = new ArrayList<>();
        log.accept("the docker driver on the classic image store pushes one platform per build: pushing each to "
                + first + "-<platform>, then one index of them all under the tags");
        for (Platform p : platforms) {
            BuildResult one = once(spec, List.of(p), List.of(first + "-" + p.toString().replace('/', '-')), outputs(true), log);
            warnings.addAll(one.warnings());
            if (!one.succeeded()) {
                return BuildResult.failed(warnings, one.failure());
            }
            if (one.digest() == null) {
                return BuildResult.failed(warnings, BuildFailure.environment("buildx pushed " + one.tag()
                        + " but named no digest in its metadata file: update docker-buildx"));
            }
            manifests.add(repository + "@" + one.digest());
        }
        IndexStitch.Result index = new IndexStitch(docker, builder).create(manifests, spec.tags(), log);
        if (index.failure() != null) {
            return BuildResult.failed(warnings, index.failure());
        }
        return new BuildResult(repository + "@" + index.digest(), first, index.digest(), Map.of(), warnings, null);
    }

    /** The repository of a reference: the name without its tag or digest. */
    static String repository(String reference) {
        String name = reference.contains("@") ? reference.substring(0, reference.indexOf('@')) : reference;
        return name.lastIndexOf(':') > name.lastIndexOf('/') ? name.substring(0, name.lastIndexOf(':')) : name;
    }

    private static List<String> outputs(boolean push) {
        return List.of(push ? "--push" : "--load");
    }

    /** The classic image store holds one platform per image: one build and load per platform. */
    private BuildResult perPlatform(BuildSpec spec, List<Platform> platforms, Consumer<String> log) throws InterruptedException {
        String base = spec.tags().isEmpty() ? localTag() : spec.tags().get(0);
        Map<Platform, String> images = new java.util.LinkedHashMap<>();
        List<String> warnings = new ArrayList<>();
        log.accept("this engine uses the classic image store: building and loading each platform on its own");
        for (Platform p : platforms) {
            String tag = base + "-" + p.toString().replace('/', '-');
            BuildResult one = once(spec, List.of(p), List.of(tag), outputs(false), log);
            warnings.addAll(one.warnings());
            if (!one.succeeded()) {
                return BuildResult.failed(warnings, one.failure());
            }
            images.put(p, one.image());
        }
        return new BuildResult(null, base, null, images, warnings, null);
    }

    private static String localTag() {
        return "archgate.local/build:" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** @param output where the image goes: --push, --load or an --output of its own */
    private BuildResult once(BuildSpec spec, List<Platform> platforms, List<String> tags, List<String> output, Consumer<String> log)
            throws InterruptedException {
        Path metadata;
        try {
            metadata = Files.createTempFile("archgate-buildx-", ".json");
        } catch (IOException e) {
            return BuildResult.failed(List.of(), BuildFailure.environment("cannot create a temporary file: " + e.getMessage()));
        }
        List<String> cmd = command(builder, spec, platforms, metadata, tags, output);
        try {
            BuildProgress progress = new BuildProgress(log, emulators);
            int status = run(docker, cmd, progress::line);
            if (status != 0 && spec.push() && progress.failure(platforms, status).message().contains("500 Internal Server Error")) {
                // Registries of the distribution 2.x line answer 500 to a HEAD that meets a tag
                // being written; the build is cached, so one more push costs little.
                log.accept("the registry answered 500 during the push; pushing once more");
                progress = new BuildProgress(log, emulators);
                status = run(docker, cmd, progress::line);
            }
            List<String> warnings = progress.warnings();
            if (status != 0) {
                return BuildResult.failed(warnings, progress.failure(platforms, status));
            }
            JsonObject meta = JsonParser.parseString(Files.readString(metadata)).getAsJsonObject();
            String digest = meta.has("containerimage.digest") ? meta.get("containerimage.digest").getAsString() : null;
            if (spec.push()) {
                String tag = tags.get(0);
                return new BuildResult(digest == null ? tag : repository(tag) + "@" + digest, tag, digest, Map.of(), warnings, null);
            }
            return new BuildResult("docker-daemon:" + tags.get(0), tags.get(0), digest, Map.of(), warnings, null);
        } catch (IOException e) {
            return BuildResult.failed(List.of(), BuildFailure.environment("cannot run " + docker.program() + " buildx (" + e.getMessage()
                    + "): install docker-buildx"));
        } finally {
            try {
                Files.deleteIfExists(metadata);
            } catch (IOException e) {
                // a temporary file; nothing depends on it
            }
        }
    }

    /** The arguments of one {@code docker buildx build}: the spec's settings, where the image goes, and the context last. */
    static List<String> command(String builder, BuildSpec spec, List<Platform> platforms, Path metadata, List<String> tags,
            List<String> output) {
        List<String> cmd = new ArrayList<>(List.of("buildx"));
        if (builder != null) {
            cmd.addAll(List.of("--builder", builder));
        }
        cmd.addAll(List.of("build", "--progress=rawjson",
                "--platform", platforms.stream().map(Platform::toString).collect(Collectors.joining(",")),
                "--file", spec.dockerfileOrDefault().toString(), "--metadata-file", metadata.toString()));
        for (Map.Entry<String, String> a : spec.args().entrySet()) {
            cmd.addAll(List.of("--build-arg", a.getKey() + "=" + a.getValue()));
        }
        if (spec.target() != null) {
            cmd.addAll(List.of("--target", spec.target()));
        }
        cmd.addAll(spec.options().buildxFlags());
        tags.forEach(t -> cmd.addAll(List.of("--tag", t)));
        cmd.addAll(output);
        cmd.add(spec.context().toString());
        return cmd;
    }

    static int run(DockerCli docker, List<String> cmd, Consumer<String> lines) throws IOException, InterruptedException {
        Process p = docker.command(cmd).start();
        // Read on a thread of its own: a blocking read does not see an interrupt, a wait for the process does.
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    lines.accept(line);
                }
            } catch (IOException e) {
                // the process was stopped; its status says the rest
            }
        }, "archgate-buildx-output");
        reader.setDaemon(true);
        reader.start();
        try {
            int status = p.waitFor();
            reader.join();
            return status;
        } catch (InterruptedException e) {
            stopTree(p); // an interrupted gate stops its build: the buildx client and all it started
            throw e;
        }
    }

    /**
     * Stops a build: SIGTERM to the process and its descendants (the buildx client then cancels the
     * build in BuildKit), and SIGKILL to whatever is still alive after a grace period.
     */
    private static void stopTree(Process p) {
        List<ProcessHandle> tree = new ArrayList<>(p.descendants().toList());
        tree.add(p.toHandle());
        tree.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
        while (tree.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException again) {
                break;
            }
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
