package dev.archgate.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A second real registry (Debian's docker-registry) on loopback that demands htpasswd logins, so
 * tests meet a genuine 401 rather than a faked one. Started per test class, stopped after.
 * {@link #startWithoutLogins} starts the same registry without auth: a store of a test's own,
 * whose files ({@link #blobData}) the test may damage without touching the shared registry.
 */
public final class AuthRegistry implements AutoCloseable {
    public static final String USER = "archgate";
    public static final String PASSWORD = "not-a-secret";
    private final Process process;
    private final String address;
    private final Path data;

    private AuthRegistry(Process process, String address, Path data) {
        this.process = process;
        this.address = address;
        this.data = data;
    }

    public static AuthRegistry start(Path dir, int port) throws IOException, InterruptedException {
        return start(dir, port, true);
    }

    public static AuthRegistry startWithoutLogins(Path dir, int port) throws IOException, InterruptedException {
        return start(dir, port, false);
    }

    private static AuthRegistry start(Path dir, int port, boolean logins) throws IOException, InterruptedException {
        if (logins) {
            writeHtpasswd(dir);
        }
        String address = "127.0.0.1:" + port;
        Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log: {level: error}",
                "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}}",
                "http: {addr: \"" + address + "\"}",
                logins ? "auth: {htpasswd: {realm: archgate-test, path: " + dir.resolve("htpasswd") + "}}" : "", ""));
        Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        AuthRegistry r = new AuthRegistry(p, address, dir.resolve("data"));
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 100; i++) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == (logins ? 401 : 200)) {
                    return r;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        r.close();
        throw new AssertionError("the registry on " + address + " did not start; see " + dir.resolve("registry.log"));
    }

    private static void writeHtpasswd(Path dir) throws IOException, InterruptedException {
        Process hash = new ProcessBuilder("htpasswd", "-Bbn", USER, PASSWORD).start();
        String line = new String(hash.getInputStream().readAllBytes()).trim();
        if (hash.waitFor() != 0 || line.isEmpty()) {
            throw new AssertionError("htpasswd failed; run dev/setup-host (it installs apache2-utils)");
        }
        Files.writeString(dir.resolve("htpasswd"), line + "\n");
    }

    public String address() {
        return address;
    }

    /** The file in which this registry keeps a blob (manifests included), as its filesystem driver lays it out. */
    public Path blobData(String digest) {
        String hex = digest.substring("sha256:".length());
        return data.resolve("docker/registry/v2/blobs/sha256").resolve(hex.substring(0, 2)).resolve(hex).resolve("data");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
