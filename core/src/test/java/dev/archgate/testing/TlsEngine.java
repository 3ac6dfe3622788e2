package dev.archgate.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A second, real Docker Engine beside the host's, listening on loopback TCP with TLS and client
 * certificates (generated here with openssl, as `docker` users make them): the "remote" engine of
 * engines:. It has its own data root, containerd namespace and bridge (sharing the host's docker0
 * would make each daemon tear down the other's network), and the containerd image store.
 */
public final class TlsEngine implements AutoCloseable {
    private static final String BRIDGE = "archgate-tbr0";
    private final Process dockerd;
    private final int port;
    private final Path certs;

    private TlsEngine(Process dockerd, int port, Path certs) {
        this.dockerd = dockerd;
        this.port = port;
        this.certs = certs;
    }

    public static TlsEngine start(Path dir, int port) throws IOException, InterruptedException {
        Path certs = Files.createDirectories(dir.resolve("client"));
        Path server = Files.createDirectories(dir.resolve("server"));
        makeCertificates(dir, server, certs);
        Path config = Files.writeString(dir.resolve("daemon.json"), "{\"features\":{\"containerd-snapshotter\":true}}");
        Dockerds.bridge(BRIDGE, "172.31.253.1/24");
        String ns = "archgate-tls-" + ProcessHandle.current().pid();
        Process p = new ProcessBuilder("dockerd", "--config-file", config.toString(), "--data-root", dir.resolve("root").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(),
                "--host", "tcp://127.0.0.1:" + port, "--tlsverify", "--tlscacert", server.resolve("ca.pem").toString(),
                "--tlscert", server.resolve("cert.pem").toString(), "--tlskey", server.resolve("key.pem").toString(),
                "--bridge", BRIDGE, "--iptables=false", "--ip6tables=false",
                "--containerd", "/run/containerd/containerd.sock", "--containerd-namespace", ns, "--containerd-plugins-namespace", ns + "-plugins")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        TlsEngine engine = new TlsEngine(p, port, certs);
        if (Dockerds.answers(engine::docker)) {
            return engine;
        }
        engine.close();
        throw new AssertionError("the TLS dockerd did not start; see " + dir.resolve("dockerd.log") + " (run dev/setup-host)");
    }

    /** A CA, a server certificate for 127.0.0.1 and a client certificate, as docker's TLS guide makes them. */
    private static void makeCertificates(Path dir, Path server, Path client) throws IOException, InterruptedException {
        Path ext = Files.writeString(dir.resolve("server.ext"), "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n");
        Path clientExt = Files.writeString(dir.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        String ca = dir.resolve("ca.pem").toString();
        String caKey = dir.resolve("ca-key.pem").toString();
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=archgate-test-ca", "-keyout", caKey, "-out", ca);
        for (Path who : List.of(server, client)) {
            String key = who.resolve("key.pem").toString();
            String csr = who.resolve("req.csr").toString();
            openssl(dir, "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + (who == server ? "127.0.0.1" : "archgate-client"),
                    "-keyout", key, "-out", csr);
            openssl(dir, "x509", "-req", "-in", csr, "-CA", ca, "-CAkey", caKey, "-CAcreateserial", "-days", "2",
                    "-extfile", (who == server ? ext : clientExt).toString(), "-out", who.resolve("cert.pem").toString());
            Files.copy(Path.of(ca), who.resolve("ca.pem"));
        }
    }

    private static void openssl(Path dir, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new AssertionError("openssl " + String.join(" ", args) + " failed: " + out);
        }
    }

    public String host() {
        return "tcp://127.0.0.1:" + port;
    }

    /** The client certificates (ca.pem, cert.pem, key.pem), for DOCKER_CERT_PATH or engines: cert-path. */
    public Path certPath() {
        return certs;
    }

    /** Runs the docker CLI against this engine, as a user with DOCKER_TLS_VERIFY and DOCKER_CERT_PATH would. */
    public Process docker(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("docker"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(Map.of("DOCKER_HOST", host(), "DOCKER_TLS_VERIFY", "1", "DOCKER_CERT_PATH", certs.toString()));
        return pb.start();
    }

    @Override
    public void close() throws InterruptedException {
        dockerd.destroy();
        if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
            dockerd.destroyForcibly();
        }
    }
}
