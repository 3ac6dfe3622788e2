package dev.archgate.cli;

import dev.archgate.host.Host;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The host of a CLI command, built from the process's environment and closed when the command
 * ends. The process's one shutdown hook (SIGINT, SIGTERM) stops the hosts of commands still
 * running, which removes their smoke containers; no run adds a hook of its own.
 */
final class CliHost {
    private static final Set<Host> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(Host::stop), "archgate-cleanup"));
    }

    private CliHost() {}

    /**
     * The process's environment, with the engine's settings given as system properties
     * ({@code -DDOCKER_HOST=...}, e.g. in ARCHGATE_JAVA_OPTS) over the variables, as docker-java
     * read them before the host was handed in.
     */
    static Map<String, String> environment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        for (String key : List.of("DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH")) {
            String property = System.getProperty(key);
            if (property != null) {
                env.put(key, property);
            }
        }
        return env;
    }

    /** What a command does with its host. */
    interface Work<T> {
        T run(Host host) throws InterruptedException;
    }

    static <T> T with(Work<T> work) throws InterruptedException {
        try (Host host = Host.of(environment())) {
            RUNNING.add(host);
            try {
                return work.run(host);
            } finally {
                RUNNING.remove(host);
            }
        }
    }
}
