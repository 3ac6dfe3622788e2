package dev.archgate.cli;

import dev.archgate.host.Host;
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

    /** What a command does with its host. */
    interface Work<T> {
        T run(Host host) throws InterruptedException;
    }

    static <T> T with(Work<T> work) throws InterruptedException {
        try (Host host = Host.of(System.getenv())) {
            RUNNING.add(host);
            try {
                return work.run(host);
            } finally {
                RUNNING.remove(host);
            }
        }
    }
}
