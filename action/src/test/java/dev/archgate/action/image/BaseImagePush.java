package dev.archgate.action.image;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Pushes the action's base (per architecture: the root filesystem layer and the class-data-sharing
 * layer that dev/build-action-image made) to a registry without login as a Docker manifest list, the
 * form jib reads as a multi-platform base. Only for the machine's own loopback registry: the
 * published base is pushed from the same layers by a login-aware tool (see action/BASE.md).
 */
final class BaseImagePush {
    private static final String LAYER = "application/vnd.docker.image.rootfs.diff.tar.gzip";
    private static final String MANIFEST = "application/vnd.docker.distribution.manifest.v2+json";
    private static final String LIST = "application/vnd.docker.distribution.manifest.list.v2+json";
    private static final String CONFIG = "application/vnd.docker.container.image.v1+json";

    private final HttpClient http = HttpClient.newHttpClient();
    private final String registry;
    private final String repository;

    /** @param reference {@code host:port/repository:tag} */
    BaseImagePush(String registry, String repository) {
        this.registry = registry;
        this.repository = repository;
    }

    boolean exists(String tag) throws IOException, InterruptedException {
        HttpRequest head = HttpRequest.newBuilder(url("manifests/" + tag)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", LIST).build();
        return http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
    }

    /** @param layers per architecture, its gzip layers in order */
    void push(String tag, Map<String, List<Path>> layers, List<String> env) throws IOException, InterruptedException {
        StringBuilder manifests = new StringBuilder();
        for (Map.Entry<String, List<Path>> arch : layers.entrySet()) {
            StringBuilder layerJson = new StringBuilder();
            StringBuilder diffIds = new StringBuilder();
            for (Path layer : arch.getValue()) {
                String digest = blob(Files.readAllBytes(layer));
                layerJson.append(layerJson.isEmpty() ? "" : ",").append(descriptor(LAYER, digest, Files.size(layer)));
                diffIds.append(diffIds.isEmpty() ? "" : ",").append('"').append(diffId(layer)).append('"');
            }
            String config = "{\"architecture\":\"" + arch.getKey() + "\",\"os\":\"linux\",\"config\":{\"Env\":["
                    + String.join(",", env.stream().map(e -> "\"" + e + "\"").toList()) + "]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":["
                    + diffIds + "]}}";
            byte[] configBytes = config.getBytes(StandardCharsets.UTF_8);
            String configDigest = blob(configBytes);
            byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"" + MANIFEST + "\",\"config\":" + descriptor(CONFIG, configDigest,
                    configBytes.length) + ",\"layers\":[" + layerJson + "]}").getBytes(StandardCharsets.UTF_8);
            String manifestDigest = put(sha256(manifest), MANIFEST, manifest);
            manifests.append(manifests.isEmpty() ? "" : ",").append("{\"mediaType\":\"").append(MANIFEST).append("\",\"digest\":\"")
                    .append(manifestDigest).append("\",\"size\":").append(manifest.length).append(",\"platform\":{\"architecture\":\"")
                    .append(arch.getKey()).append("\",\"os\":\"linux\"}}");
        }
        byte[] list = ("{\"schemaVersion\":2,\"mediaType\":\"" + LIST + "\",\"manifests\":[" + manifests + "]}").getBytes(StandardCharsets.UTF_8);
        put(tag, LIST, list);
    }

    private String put(String reference, String mediaType, byte[] body) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url("manifests/" + reference)).header("Content-Type", mediaType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 201) {
            throw new IOException("pushing manifest " + reference + " answered " + r.statusCode() + ": " + r.body());
        }
        return sha256(body);
    }

    private String blob(byte[] bytes) throws IOException, InterruptedException {
        String digest = sha256(bytes);
        HttpRequest head = HttpRequest.newBuilder(url("blobs/" + digest)).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
        if (http.send(head, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
            return digest;
        }
        HttpResponse<String> start = http.send(HttpRequest.newBuilder(url("blobs/uploads/")).POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        String location = start.headers().firstValue("Location").orElseThrow(() -> new IOException("no upload location: " + start.body()));
        URI upload = URI.create("http://" + registry).resolve(location);
        String sep = upload.getQuery() == null ? "?" : "&";
        HttpResponse<String> done = http.send(HttpRequest.newBuilder(URI.create(upload + sep + "digest=" + digest))
                .header("Content-Type", "application/octet-stream").PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (done.statusCode() != 201) {
            throw new IOException("uploading blob " + digest + " answered " + done.statusCode() + ": " + done.body());
        }
        return digest;
    }

    private URI url(String path) {
        return URI.create("http://" + registry + "/v2/" + repository + "/" + path);
    }

    private static String descriptor(String mediaType, String digest, long size) {
        return "{\"mediaType\":\"" + mediaType + "\",\"digest\":\"" + digest + "\",\"size\":" + size + "}";
    }

    private static String diffId(Path gzip) throws IOException {
        MessageDigest md = sha();
        try (InputStream in = new DigestInputStream(new GZIPInputStream(Files.newInputStream(gzip), 1 << 16), md)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return "sha256:" + HexFormat.of().formatHex(md.digest());
    }

    private static String sha256(byte[] bytes) {
        return "sha256:" + HexFormat.of().formatHex(sha().digest(bytes));
    }

    private static MessageDigest sha() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
