package dev.archgate.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The labels on every container archgate creates, and the sweep of leftovers: containers of an
 * earlier run whose process is gone (same host, dead pid) or that are older than a day, so that
 * several archgate runs may share one engine without removing each other's containers.
 */
public final class Labels {
    public static final String MARK = "dev.archgate";
    public static final String RUN = "dev.archgate.run";
    public static final String OWNER = "dev.archgate.owner";
    private static final Duration STALE = Duration.ofHours(24);

    private final String run = UUID.randomUUID().toString();
    /**
     * Host name and PID namespace: only a process in the same PID namespace can tell whether the
     * owner still lives. archgate in a container beside the engine (the GitHub Action, with host
     * networking even under the host's name) must not take other runs' containers for leftovers.
     */
    private static final String WHERE = hostName() + "/" + pidNamespace();
    private final String owner = WHERE + ":" + ProcessHandle.current().pid();

    public Map<String, String> forContainer() {
        return Map.of(MARK, "1", RUN, run, OWNER, owner);
    }

    /** Removes leftovers of earlier runs; returns how many. */
    public int sweep(DockerClient docker) {
        List<Container> mine = docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(MARK, "1")).exec();
        int removed = 0;
        for (Container c : mine) {
            if (run.equals(c.getLabels().get(RUN)) || !abandoned(c)) {
                continue;
            }
            try {
                docker.removeContainerCmd(c.getId()).withForce(true).exec();
                removed++;
            } catch (RuntimeException e) {
                // another sweeper got it first
            }
        }
        return removed;
    }

    private boolean abandoned(Container c) {
        if (Instant.ofEpochSecond(c.getCreated()).isBefore(Instant.now().minus(STALE))) {
            return true;
        }
        String o = c.getLabels().getOrDefault(OWNER, "");
        int colon = o.lastIndexOf(':');
        if (colon < 0 || !o.substring(0, colon).equals(WHERE)) {
            return false;
        }
        try {
            long pid = Long.parseLong(o.substring(colon + 1));
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static String pidNamespace() {
        try {
            return java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid")).toString();
        } catch (java.io.IOException | UnsupportedOperationException e) {
            return "unknown-pid-namespace";
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown-host";
        }
    }
}
