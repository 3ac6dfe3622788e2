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
 */
public final class AuthRegistry implements AutoCloseable {
    public static final String USER = "archgate";
    public static final String PASSWORD = "not-a-secret";
    private final Process process;
    private final String address;

    private AuthRegistry(Process process, String address) {
        this.process = process;
        this.address = address;
    }

    public static AuthRegistry start(Path dir, int port) throws IOException, InterruptedException {
        Process hash = new ProcessBuilder("htpasswd", "-Bbn", USER, PASSWORD).start();
        String line = new String(hash.getInputStream().readAllBytes()).trim();
        if (hash.waitFor() != 0 || line.isEmpty()) {
            throw new AssertionError("htpasswd failed; run dev/setup-host (it installs apache2-utils)");
        }
        Files.writeString(dir.resolve("htpasswd"), line + "\n");
        String address = "127.0.0.1:" + port;
        Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log: {level: error}",
                "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}}",
                "http: {addr: \"" + address + "\"}",
                "auth: {htpasswd: {realm: archgate-test, path: " + dir.resolve("htpasswd") + "}}", ""));
        Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        AuthRegistry r = new AuthRegistry(p, address);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        for (int i = 0; i < 100; i++) {
            try {
                int status = http.send(HttpRequest.newBuilder(URI.create("http://" + address + "/v2/")).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status == 401) {
                    return r;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        r.close();
        throw new AssertionError("the htpasswd registry on " + address + " did not start; see " + dir.resolve("registry.log"));
    }

    public String address() {
        return address;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
