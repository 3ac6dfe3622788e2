package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import dev.archgate.ArchgateException;
import dev.archgate.host.Host;
import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.EngineEndpoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The Docker engines smoke runs go to: the local one, and the engine engines: names for a
 * platform. Each engine is asked its own architecture, so a run is native exactly where the
 * engine's hardware is the platform's, and strict emulation applies everywhere else. Engines are
 * connected once, before the first platform that needs one runs; one that does not answer is an
 * environment error for its platforms only. Each runner is registered to be stopped with the
 * host while the run lasts ({@link #close}).
 */
final class SmokeEngines implements AutoCloseable {
    /** One connected engine: its name for reports, its runner, and the architecture its kernel runs. */
    record Target(String name, DockerClient docker, SmokeRunner runner, Platform architecture, boolean local) {
        boolean runsNatively(Platform p) {
            return architecture.architecture().equals(p.architecture());
        }
    }

    private final Map<Platform, EngineEndpoint> engines;
    private final Host host;
    private final List<Host.StopRegistration> stopRegistrations = new ArrayList<>();
    private final Map<EngineEndpoint, Target> connected = new HashMap<>();
    private final Map<EngineEndpoint, ArchgateException> unreachable = new HashMap<>();
    private final List<Future<?>> sweeps = new ArrayList<>();
    private Target local;

    SmokeEngines(Map<Platform, EngineEndpoint> engines, Host host) {
        this.engines = Map.copyOf(engines);
        this.host = host;
    }

    /** @throws ArchgateException (environment) naming the engine when it cannot be reached */
    synchronized Target forPlatform(Platform p) {
        EngineEndpoint endpoint = engines.get(p);
        if (endpoint == null) {
            return local();
        }
        ArchgateException failed = unreachable.get(endpoint);
        if (failed != null) {
            throw failed;
        }
        Target t = connected.get(endpoint);
        if (t == null) {
            try {
                DockerClient docker = host.docker(endpoint);
                t = target(docker, Engine.describe(docker, endpoint.host(), Engine.ENDPOINT_FIX), endpoint.host(), false);
            } catch (ArchgateException e) {
                unreachable.put(endpoint, e); // asked once per run: each of its platforms would wait out the same timeout
                throw e;
            }
            connected.put(endpoint, t);
        }
        return t;
    }

    /** The local engine (DOCKER_HOST or the socket), connected on first use. */
    synchronized Target local() {
        if (local == null) {
            local = target(host.docker(), Engine.describe(host.docker(), host.dockerAddress(), Engine.LOCAL_FIX), host.dockerAddress(), true);
        }
        return local;
    }

    /**
     * The run has ended: waits (bounded, also when interrupted) for the sweeps of leftovers it
     * started, so none outlives the run (a sweep that failed leaves its leftovers to the next
     * run's), and withdraws its runners from the host's stop.
     */
    @Override
    public void close() {
        awaitSweeps();
        synchronized (this) {
            stopRegistrations.forEach(Host.StopRegistration::close);
            stopRegistrations.clear();
        }
    }

    private void awaitSweeps() {
        List<Future<?>> started;
        synchronized (this) {
            started = List.copyOf(sweeps);
        }
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + GateRun.STOP_WAIT.toNanos();
        for (Future<?> sweep : started) {
            while (true) {
                try {
                    sweep.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException | TimeoutException e) {
                    break;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private Target target(DockerClient docker, Info info, String address, boolean local) {
        Platform arch;
        try {
            arch = Platform.parse(info.getArchitecture());
        } catch (UnknownPlatformException e) {
            throw new ArchgateException("the Docker engine at " + address + " runs on '" + info.getArchitecture()
                    + "', an architecture archgate does not know", ArchgateException.Kind.ENVIRONMENT, e);
        }
        String name = (info.getName() == null ? "engine" : info.getName()) + " (" + address + ")";
        SmokeRunner runner = Engine.runner(host, docker);
        stopRegistrations.add(host.onStop(runner::stop));
        // Leftovers belong to runs that ended, never to this one's containers: the sweep runs beside them.
        sweeps.add(CompletableFuture.runAsync(runner::sweep));
        return new Target(name, docker, runner, arch, local);
    }
}
