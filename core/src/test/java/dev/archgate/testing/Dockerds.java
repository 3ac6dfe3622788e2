package dev.archgate.testing;

import java.io.IOException;

/** What a second, real dockerd beside the host's needs in a test: a bridge of its own, and a wait until it answers. */
final class Dockerds {
    /** Runs the docker CLI against one engine. */
    interface DockerCli {
        Process run(String... args) throws IOException;
    }

    private Dockerds() {}

    /** A bridge for the engine: sharing the host's docker0 would make each daemon tear down the other's network. */
    static void bridge(String name, String cidr) throws IOException, InterruptedException {
        for (String[] step : new String[][] {{"ip", "link", "add", name, "type", "bridge"}, {"ip", "addr", "add", cidr, "dev", name},
            {"ip", "link", "set", name, "up"}}) {
            new ProcessBuilder(step).redirectErrorStream(true).start().waitFor(); // "exists" from an earlier run is fine
        }
    }

    /** Whether {@code docker version} succeeds against the engine within 30 s of its start. */
    static boolean answers(DockerCli docker) throws IOException, InterruptedException {
        for (int i = 0; i < 150; i++) {
            if (docker.run("version").waitFor() == 0) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }
}
