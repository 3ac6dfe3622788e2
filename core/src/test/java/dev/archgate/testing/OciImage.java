package dev.archgate.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;

/**
 * A one-platform image made in a test, byte by byte, behind an OCI index: layers of any content
 * (hostile ones included, which no builder would write), written as an OCI layout directory or
 * pushed to a registry through the Distribution API.
 */
public final class OciImage {
    public static final String GZIP_LAYER = "application/vnd.oci.image.layer.v1.tar+gzip";
    private final String architecture;
    private final List<byte[]> layers = new ArrayList<>();
    private final List<String> diffIds = new ArrayList<>();
    private final List<String> entrypoint = new ArrayList<>();
    private final Map<String, byte[]> blobs = new LinkedHashMap<>();
    private String description = "made by a test";
    private byte[] manifest;

    private OciImage(String architecture) {
        this.architecture = architecture;
    }

    public static OciImage linux(String architecture) {
        return new OciImage(architecture);
    }

    /** A layer from a tar stream, gzip-compressed here. */
    public OciImage layer(byte[] tar) throws IOException {
        layers.add(gzip(tar));
        diffIds.add(sha256(tar));
        return this;
    }

    /**
     * A layer blob exactly as given (already compressed, or broken on purpose). Its diff id in the
     * config is the blob's own digest: such images are for reading, and an engine refuses to
     * pull them.
     */
    public OciImage compressedLayer(byte[] blob) {
        layers.add(blob);
        diffIds.add(sha256(blob));
        return this;
    }

    public OciImage entrypoint(String... argv) {
        entrypoint.addAll(List.of(argv));
        return this;
    }

    /** The index's description annotation: a field a test can change without breaking the JSON. */
    public OciImage description(String text) {
        description = text;
        return this;
    }

    public static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    /**
     * A gzip bomb layer: {@code files} tar entries of 1 GiB of zeros each, each file 16 gzip
     * members of 64 MiB of zeros (about 1 MB compressed per GiB).
     */
    public static byte[] gzipBomb(int files) throws IOException {
        byte[] zeros = gzip(new byte[64 << 20]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int f = 0; f < files; f++) {
            TarArchiveEntry e = new TarArchiveEntry("zeros-" + f);
            e.setSize(1L << 30);
            e.setMode(0644);
            byte[] header = new byte[512];
            e.writeEntryHeader(header);
            out.write(gzip(header));
            for (int i = 0; i < 16; i++) {
                out.write(zeros);
            }
        }
        out.write(gzip(new byte[1024])); // the end-of-archive records
        return out.toByteArray();
    }

    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonObject descriptor(String mediaType, byte[] bytes) {
        String digest = sha256(bytes);
        blobs.put(digest, bytes);
        JsonObject d = new JsonObject();
        d.addProperty("mediaType", mediaType);
        d.addProperty("digest", digest);
        d.addProperty("size", bytes.length);
        return d;
    }

    private static byte[] json(JsonObject o) {
        return o.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Builds every blob; returns the index's bytes (the image's top). */
    private byte[] build() {
        blobs.clear();
        JsonObject config = new JsonObject();
        config.addProperty("os", "linux");
        config.addProperty("architecture", architecture);
        JsonObject runtime = new JsonObject();
        JsonArray ep = new JsonArray();
        entrypoint.forEach(ep::add);
        runtime.add("Entrypoint", ep);
        JsonArray env = new JsonArray();
        env.add("PATH=/usr/local/bin:/usr/bin:/bin");
        runtime.add("Env", env);
        config.add("config", runtime);
        JsonObject rootfs = new JsonObject();
        rootfs.addProperty("type", "layers");
        JsonArray diffs = new JsonArray();
        diffIds.forEach(diffs::add);
        rootfs.add("diff_ids", diffs);
        config.add("rootfs", rootfs);

        JsonObject manifest = new JsonObject();
        manifest.addProperty("schemaVersion", 2);
        manifest.addProperty("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.add("config", descriptor("application/vnd.oci.image.config.v1+json", json(config)));
        JsonArray layerList = new JsonArray();
        layers.forEach(l -> layerList.add(descriptor(GZIP_LAYER, l)));
        manifest.add("layers", layerList);

        this.manifest = json(manifest);
        JsonObject entry = descriptor("application/vnd.oci.image.manifest.v1+json", this.manifest);
        JsonObject platform = new JsonObject();
        platform.addProperty("os", "linux");
        platform.addProperty("architecture", architecture);
        entry.add("platform", platform);
        JsonObject index = new JsonObject();
        index.addProperty("schemaVersion", 2);
        index.addProperty("mediaType", "application/vnd.oci.image.index.v1+json");
        JsonArray manifests = new JsonArray();
        manifests.add(entry);
        index.add("manifests", manifests);
        JsonObject annotations = new JsonObject();
        annotations.addProperty("org.opencontainers.image.description", description);
        index.add("annotations", annotations);
        return json(index);
    }

    /** The digest of the index (the image's top), as {@link #writeLayout} and {@link #push} store it. */
    public String indexDigest() {
        return sha256(build());
    }

    public String manifestDigest() {
        build();
        return sha256(manifest);
    }

    public String configDigest() {
        build();
        return blobs.keySet().iterator().next(); // the config is the first blob built
    }

    public String layerDigest(int i) {
        return sha256(layers.get(i));
    }

    /** Writes an OCI image layout directory; returns it. */
    public Path writeLayout(Path dir) throws IOException {
        byte[] index = build();
        JsonObject top = descriptor("application/vnd.oci.image.index.v1+json", index);
        Files.createDirectories(dir.resolve("blobs/sha256"));
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            Files.write(dir.resolve("blobs/sha256").resolve(b.getKey().substring(7)), b.getValue());
        }
        JsonObject layoutIndex = new JsonObject();
        layoutIndex.addProperty("schemaVersion", 2);
        JsonArray manifests = new JsonArray();
        manifests.add(top);
        layoutIndex.add("manifests", manifests);
        Files.write(dir.resolve("index.json"), json(layoutIndex));
        Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
        return dir;
    }

    /**
     * Pushes the image to {@code registry} (host:port, plain http, no login) as
     * {@code repository:tag}; returns the index's digest.
     */
    public String push(String registry, String repository, String tag) throws IOException, InterruptedException {
        return push(registry, repository, tag, null);
    }

    /** As {@link #push(String, String, String)}, logged in with {@code basicAuth} ("user:password"), or without when null. */
    public String push(String registry, String repository, String tag, String basicAuth) throws IOException, InterruptedException {
        String authorization = basicAuth == null ? null
                : "Basic " + java.util.Base64.getEncoder().encodeToString(basicAuth.getBytes(StandardCharsets.UTF_8));
        byte[] index = build();
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://" + registry + "/v2/" + repository;
        String manifestDigest = sha256(manifest);
        for (Map.Entry<String, byte[]> b : blobs.entrySet()) {
            if (b.getKey().equals(manifestDigest)) {
                continue; // a manifest goes to /manifests/, below
            }
            HttpResponse<Void> start = http.send(login(HttpRequest.newBuilder(URI.create(base + "/blobs/uploads/")), authorization)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            expect(start, 202, "starting an upload");
            URI location = URI.create(base).resolve(start.headers().firstValue("Location").orElseThrow());
            String sep = location.getQuery() == null ? "?" : "&";
            expect(http.send(login(HttpRequest.newBuilder(URI.create(location + sep + "digest=" + b.getKey())), authorization)
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(b.getValue())).build(), HttpResponse.BodyHandlers.discarding()), 201,
                    "uploading " + b.getKey());
        }
        putManifest(http, base + "/manifests/" + manifestDigest, "application/vnd.oci.image.manifest.v1+json", manifest, authorization);
        putManifest(http, base + "/manifests/" + tag, "application/vnd.oci.image.index.v1+json", index, authorization);
        return sha256(index);
    }

    private static HttpRequest.Builder login(HttpRequest.Builder b, String authorization) {
        return authorization == null ? b : b.header("Authorization", authorization);
    }

    private static void putManifest(HttpClient http, String url, String type, byte[] bytes, String authorization)
            throws IOException, InterruptedException {
        expect(http.send(login(HttpRequest.newBuilder(URI.create(url)), authorization).header("Content-Type", type)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(), HttpResponse.BodyHandlers.discarding()), 201, "putting " + url);
    }

    private static void expect(HttpResponse<?> r, int status, String what) {
        if (r.statusCode() != status) {
            throw new AssertionError(what + ": HTTP " + r.statusCode());
        }
    }
}
