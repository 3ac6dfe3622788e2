package dev.archgate.host;

import com.github.dockerjava.api.DockerClient;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.archgate.platform.Platform;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A one-file image per platform holding {@link ProbeProgram}, loaded into the engine as a
 * docker-save archive that archgate writes itself (nothing is pulled), so the probe runs exactly
 * as a smoke test would: a container of that platform.
 */
public final class ProbeImage {
    public static final String REPOSITORY = "archgate-probe";
    public static final String PROGRAM = "/probe";

    private ProbeImage() {}

    /** Loads the probe image of the platform and returns its reference. */
    public static String loadInto(DockerClient docker, Platform platform) throws IOException {
        return load(docker, REPOSITORY + ":" + platform.toString().replace('/', '-'), platform, PROGRAM,
                List.of(new Entry(PROGRAM.substring(1), ProbeProgram.elf(platform), 0755)));
    }

    /** A file of an image layer: its path without the leading slash, bytes and mode. */
    record Entry(String name, byte[] bytes, int mode) {}

    /**
     * Loads a one-layer image, written here as a docker-save archive (the engine's import API
     * loses its stream on the containerd store; load does not), and returns its reference.
     */
    static String load(DockerClient docker, String ref, Platform platform, String entrypointPath, List<Entry> files) throws IOException {
        byte[] layer = tar(files.toArray(Entry[]::new));
        JsonObject config = new JsonObject();
        config.addProperty("architecture", platform.architecture());
        config.addProperty("os", platform.os());
        if (!platform.variant().isEmpty()) {
            config.addProperty("variant", platform.variant());
        }
        JsonObject runConfig = new JsonObject();
        JsonArray entrypoint = new JsonArray();
        entrypoint.add(entrypointPath);
        runConfig.add("Entrypoint", entrypoint);
        config.add("config", runConfig);
        JsonObject rootfs = new JsonObject();
        rootfs.addProperty("type", "layers");
        JsonArray diffIds = new JsonArray();
        diffIds.add(sha256(layer));
        rootfs.add("diff_ids", diffIds);
        config.add("rootfs", rootfs);

        JsonObject manifest = new JsonObject();
        manifest.addProperty("Config", "config.json");
        JsonArray tags = new JsonArray();
        tags.add(ref);
        manifest.add("RepoTags", tags);
        JsonArray layers = new JsonArray();
        layers.add("layer.tar");
        manifest.add("Layers", layers);
        JsonArray manifests = new JsonArray();
        manifests.add(manifest);

        byte[] archive = tar(new Entry("layer.tar", layer, 0644),
                new Entry("config.json", config.toString().getBytes(StandardCharsets.UTF_8), 0644),
                new Entry("manifest.json", manifests.toString().getBytes(StandardCharsets.UTF_8), 0644));
        try (InputStream in = new ByteArrayInputStream(archive)) {
            docker.loadImageCmd(in).exec();
        }
        return ref;
    }

    private static byte[] tar(Entry... entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            for (Entry e : entries) {
                TarArchiveEntry t = new TarArchiveEntry(e.name());
                t.setMode(e.mode());
                t.setSize(e.bytes().length);
                tar.putArchiveEntry(t);
                tar.write(e.bytes());
                tar.closeArchiveEntry();
            }
        }
        return out.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
