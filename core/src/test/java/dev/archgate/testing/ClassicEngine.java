package dev.archgate.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A second, real Docker Engine with the classic image store (the default of many CI runners),
 * beside the host's own: its own data root, socket, containerd namespace and bridge (sharing the
 * host's docker0 would make each daemon tear down the other's network). Its builds must not RUN
 * anything that needs the network: it has no NAT. Started for a test, stopped after.
 */
public final class ClassicEngine implements AutoCloseable {
    private static final String BRIDGE = "archgate-cbr0";
    private final Process dockerd;
    private final Path socket;

    private ClassicEngine(Process dockerd, Path socket) {
        this.dockerd = dockerd;
        this.socket = socket;
    }

    public static ClassicEngine start(Path dir) throws IOException, InterruptedException {
        Path config = Files.writeString(dir.resolve("daemon.json"), "{}");
        Dockerds.bridge(BRIDGE, "172.31.254.1/24");
        Path socket = dir.resolve("docker.sock");
        String ns = "archgate-classic-" + ProcessHandle.current().pid();
        Process p = new ProcessBuilder("dockerd", "--config-file", config.toString(), "--data-root", dir.resolve("root").toString(),
                "--exec-root", dir.resolve("exec").toString(), "--pidfile", dir.resolve("docker.pid").toString(),
                "--host", "unix://" + socket, "--bridge", BRIDGE, "--iptables=false", "--ip6tables=false",
                "--containerd", "/run/containerd/containerd.sock", "--containerd-namespace", ns, "--containerd-plugins-namespace", ns + "-plugins")
                .redirectErrorStream(true).redirectOutput(dir.resolve("dockerd.log").toFile()).start();
        ClassicEngine engine = new ClassicEngine(p, socket);
        if (Dockerds.answers(engine::docker)) {
            return engine;
        }
        engine.close();
        throw new AssertionError("the classic-store dockerd did not start; see " + dir.resolve("dockerd.log") + " (run dev/setup-host)");
    }

    public String host() {
        return "unix://" + socket;
    }

    /** Runs the docker CLI against this engine. */
    public Process docker(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "docker";
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", host());
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
