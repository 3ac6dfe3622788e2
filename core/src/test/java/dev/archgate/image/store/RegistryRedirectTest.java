package dev.archgate.image.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.ImageReference;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Blob downloads that a registry redirects to storage elsewhere (as Docker Hub, ECR and GCS-backed
 * registries do): the login goes to the registry only. The loopback registry of the integration
 * tests never redirects, so two JDK HTTP servers play registry and storage here.
 */
class RegistryRedirectTest {
    private static final String BLOB = "sha256:" + "cd".repeat(32);
    private final List<String> storageSaw = new CopyOnWriteArrayList<>();
    private HttpServer registry;
    private HttpServer storage;

    @AfterEach
    void stop() {
        for (HttpServer s : new HttpServer[] {registry, storage}) {
            if (s != null) {
                s.stop(0);
            }
        }
    }

    private static void answer(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
        ex.close();
    }

    @Test
    void theLoginFromDockerConfigGoesToTheRegistryButNotToTheStorageABlobRedirectsTo(@TempDir Path dir) throws IOException {
        storage = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        storage.createContext("/", ex -> {
            storageSaw.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
            answer(ex, 200, "layer bytes");
        });
        storage.start();
        String login = "Basic " + Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8));
        registry = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        registry.createContext("/", ex -> {
            if (!login.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
                answer(ex, 401, "");
                return;
            }
            // "localhost" against the registry's 127.0.0.1: another origin, as a CDN would be.
            ex.getResponseHeaders().add("Location", "http://localhost:" + storage.getAddress().getPort() + "/signed?x=1");
            answer(ex, 307, "");
        });
        registry.start();
        String address = "127.0.0.1:" + registry.getAddress().getPort();
        Path config = dir.resolve("config.json");
        Files.writeString(config, "{\"auths\":{\"" + address + "\":{\"auth\":\""
                + Base64.getEncoder().encodeToString("ci:s3cret".getBytes(StandardCharsets.UTF_8)) + "\"}}}");

        RegistrySource source = new RegistrySource(ImageReference.parse(address + "/team/app:1"), Set.of(), config);
        try (InputStream in = source.blob(new Descriptor("", BLOB, -1, null, null, null, Map.of()))) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("layer bytes");
        }
        assertThat(storageSaw).containsExactly("null");
    }
}
