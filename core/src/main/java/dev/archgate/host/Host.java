package dev.archgate.host;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.image.stream.GzipInflater;
import dev.archgate.spec.EngineEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The machine a run works against, as the adapter's environment describes it: the Docker Engine
 * clients, the docker CLI, QEMU and binfmt_misc, the docker config that holds registry logins, and
 * the gzip inflater. Each adapter builds one from its own environment (the CLI and the Action
 * from the process's, the Jenkins plugin from the build's), so nothing inside the engine reads
 * process globals. Engine clients are made on first use and closed with the host; a run registers
 * what must be undone when the process is stopped ({@link #onStop}), and the adapter that owns the
 * process decides when that is ({@link #stop}): no run adds a JVM shutdown hook.
 */
public final class Host implements AutoCloseable {
    private final Map<String, String> environment;
    private final DockerClients clients;
    private final Binfmt binfmt = Binfmt.host();
    private final QemuBinaries qemu;
    private final Set<Runnable> stopActions = ConcurrentHashMap.newKeySet();
    private final Map<EngineEndpoint, DockerClient> endpoints = new HashMap<>();
    private final List<DockerClient> opened = new ArrayList<>();
    private DockerClient local;
    private GzipInflater.Choice inflaters;
    private boolean closed;

    private Host(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
        this.clients = new DockerClients(this.environment);
        this.qemu = new QemuBinaries(Path.of(this.environment.getOrDefault("ARCHGATE_QEMU_DIR", "/usr/bin")));
    }

    /** The host as {@code environment} (an adapter's variables: DOCKER_*, ARCHGATE_*, PATH) describes it. */
    public static Host of(Map<String, String> environment) {
        return new Host(environment);
    }

    /** The variables this host was built from, for the programs archgate starts. */
    public Map<String, String> environment() {
        return environment;
    }

    /** The docker CLI: ARCHGATE_DOCKER, default {@code docker}, run under this environment. */
    public DockerCli dockerCli() {
        return new DockerCli(environment.getOrDefault("ARCHGATE_DOCKER", "docker"), environment);
    }

    /** The static QEMU binaries strict emulation copies into containers: in ARCHGATE_QEMU_DIR, default {@code /usr/bin}. */
    public QemuBinaries qemu() {
        return qemu;
    }

    /** This machine's binfmt_misc and the QEMU handlers it can register. */
    public Binfmt binfmt() {
        return binfmt;
    }

    /** The lock of the QEMU handlers (ARCHGATE_BINFMT_LOCK, default /tmp/archgate-binfmt.lock) that runs hold shared while they rely on them. */
    public BinfmtLock binfmtLock() {
        String path = environment.get("ARCHGATE_BINFMT_LOCK");
        return new BinfmtLock(path == null || path.isBlank() ? BinfmtLock.DEFAULT : Path.of(path));
    }

    /** The docker client's config.json (logins, credential helpers) that registry reads use. */
    public Path dockerConfig() {
        return dockerConfigFile(environment);
    }

    /** Where the docker client keeps its config under {@code environment}: DOCKER_CONFIG, else ~/.docker (jib's own lookup ignores DOCKER_CONFIG). */
    public static Path dockerConfigFile(Map<String, String> environment) {
        String variable = environment.get("DOCKER_CONFIG");
        return variable != null && !variable.isBlank() ? Path.of(variable, "config.json")
                : Path.of(System.getProperty("user.home"), ".docker", "config.json");
    }

    /**
     * The gzip inflater of this host ({@value GzipInflater#VARIABLE}, else the fastest on PATH),
     * chosen on first use.
     *
     * @throws dev.archgate.image.ArchgateException for a setting that names no inflater, or a forced one that is missing
     */
    public synchronized GzipInflater.Choice inflaters() {
        if (inflaters == null) {
            inflaters = GzipInflater.choice(environment);
        }
        return inflaters;
    }

    /** Where the local engine is expected (DOCKER_HOST, else the socket), for messages. */
    public String dockerAddress() {
        return clients.host();
    }

    /** The client of the local engine, made on first use (nothing asked of the engine yet), closed with the host. */
    public synchronized DockerClient docker() {
        requireOpen();
        if (local == null) {
            local = clients.local();
            opened.add(local);
        }
        return local;
    }

    /** The client of an engine of engines:, made on its first use, closed with the host. */
    public synchronized DockerClient docker(EngineEndpoint endpoint) {
        requireOpen();
        return endpoints.computeIfAbsent(endpoint, e -> {
            DockerClient client = clients.forEndpoint(e);
            opened.add(client);
            return client;
        });
    }

    /**
     * Registers what {@link #stop} must do (remove a run's containers); closing the returned
     * handle, when the run has ended, withdraws it.
     */
    public StopRegistration onStop(Runnable action) {
        stopActions.add(action);
        return () -> stopActions.remove(action);
    }

    /** What {@link #onStop} registered; closing it withdraws the action. */
    public interface StopRegistration extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The process is being stopped (SIGINT, SIGTERM): every registered action runs now. Called by
     * the adapter that owns the process, from its one shutdown hook.
     */
    public void stop() {
        List.copyOf(stopActions).forEach(Runnable::run);
    }

    /** Engine clients made so far and not closed: what a long-lived process must see fall back to zero. */
    public synchronized int openClients() {
        return opened.size();
    }

    /** Closes every engine client this host made; a closed host makes no new one. */
    @Override
    public synchronized void close() {
        closed = true;
        for (DockerClient client : opened) {
            try {
                client.close();
            } catch (IOException e) {
                // its connections are released with it; nothing is left to retry
            }
        }
        opened.clear();
        endpoints.clear();
        local = null;
    }

    private void requireOpen() {
        if (closed) {
            throw new IllegalStateException("the host was closed: its runs have ended");
        }
    }
}
