package dev.archgate.testing;

import java.io.IOException;

/**
 * The second, real Docker Engine dev/setup-host keeps running beside the host's own, shaped like
 * GitHub's hosted runners: the classic image store, only the docker driver builder, on
 * {@value #SOCKET}, with its own data root, containerd namespace and bridge (archgate-gh0), whose
 * containers reach the host at {@value #GATEWAY}. It has no NAT: its builds must not RUN anything
 * that needs the network.
 */
public final class ClassicEngine {
    public static final String SOCKET = "/var/run/docker-classic.sock";
    /** The address of the host on the engine's bridge. */
    public static final String GATEWAY = "172.30.0.1";

    private ClassicEngine() {}

    /** Fails (never skips) when the engine is down. */
    public static ClassicEngine shared() throws IOException, InterruptedException {
        ClassicEngine engine = new ClassicEngine();
        if (engine.docker("version").waitFor() != 0) {
            throw new AssertionError("no classic-store engine answers on " + SOCKET + ": run dev/setup-host");
        }
        return engine;
    }

    public String host() {
        return "unix://" + SOCKET;
    }

    /** Runs the packaged docker CLI (the engine's version, with the packaged buildx) against this engine. */
    public Process docker(String... args) throws IOException {
        String[] command = new String[args.length + 1];
        command[0] = "/usr/bin/docker";
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", host());
        return pb.start();
    }
}
