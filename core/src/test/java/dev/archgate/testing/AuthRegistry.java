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
 * {@link #startTls} serves https with logins on another address (a bridge's gateway, so containers
 * reach it under the same name as the host), with a certificate of its own made by openssl.
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

    /**
     * Logins over https on {@code host:port}; its certificate (for the IP address {@code host}) is
     * {@link #certificate}, which a client must trust.
     */
    public static AuthRegistry startTls(Path dir, String host, int port) throws IOException, InterruptedException {
        Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-keyout", dir.resolve("key.pem").toString(), "-out", dir.resolve("cert.pem").toString(), "-subj", "/CN=archgate-test",
                "-addext", "subjectAltName=IP:" + host).redirectErrorStream(true).start();
        String said = new String(openssl.getInputStream().readAllBytes());
        if (openssl.waitFor() != 0) {
            throw new AssertionError("openssl could not make the registry's certificate: " + said);
        }
        return start(dir, host, port, true, "tls: {certificate: " + dir.resolve("cert.pem") + ", key: " + dir.resolve("key.pem") + "}");
    }

    private static AuthRegistry start(Path dir, int port, boolean logins) throws IOException, InterruptedException {
        return start(dir, "127.0.0.1", port, logins, null);
    }

    private static AuthRegistry start(Path dir, String host, int port, boolean logins, String tls) throws IOException, InterruptedException {
        if (logins) {
            writeHtpasswd(dir);
        }
        String address = host + ":" + port;
        Files.writeString(dir.resolve("config.yml"), String.join("\n",
                "version: 0.1",
                "log: {level: error}",
                "storage: {filesystem: {rootdirectory: " + dir.resolve("data") + "}}",
                "http: {addr: \"" + address + "\"" + (tls == null ? "" : ", " + tls) + "}",
                logins ? "auth: {htpasswd: {realm: archgate-test, path: " + dir.resolve("htpasswd") + "}}" : "", ""));
        Process p = new ProcessBuilder("docker-registry", "serve", dir.resolve("config.yml").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("registry.log").toFile()).start();
        AuthRegistry r = new AuthRegistry(p, address, dir.resolve("data"));
        for (int i = 0; i < 100; i++) {
            try {
                if (tls != null) {
                    Process curl = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--cacert",
                            dir.resolve("cert.pem").toString(), "https://" + address + "/v2/").start();
                    if (new String(curl.getInputStream().readAllBytes()).equals("401")) {
                        return r;
                    }
                    Thread.sleep(100);
                    continue;
                }
                HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
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

    /** The https registry's certificate (PEM), its own trust anchor. */
    public Path certificate() {
        return data.resolveSibling("cert.pem");
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
