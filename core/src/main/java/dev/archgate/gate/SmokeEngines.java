package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.EngineEndpoint;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Docker engines smoke runs go to: the local one, and the engine engines: names for a
 * platform. Each engine is asked its own architecture, so a run is native exactly where the
 * engine's hardware is the platform's, and strict emulation applies everywhere else. Engines are
 * connected once, when the first platform that needs one runs; one that does not answer is an
 * environment error for its platforms only.
 */
final class SmokeEngines {
    /** One connected engine: its name for reports, its runner, and the architecture its kernel runs. */
    record Target(String name, DockerClient docker, SmokeRunner runner, Platform architecture, boolean local) {
        boolean runsNatively(Platform p) {
            return architecture.architecture().equals(p.architecture());
        }
    }

    private final Map<Platform, EngineEndpoint> engines;
    private final Supplier<DockerClient> localEngine;
    private final Map<EngineEndpoint, Target> connected = new HashMap<>();
    private Target local;

    SmokeEngines(Map<Platform, EngineEndpoint> engines, Supplier<DockerClient> localEngine) {
        this.engines = Map.copyOf(engines);
        this.localEngine = localEngine;
    }

    /** @throws GateException (environment) naming the engine when it cannot be reached */
    synchronized Target forPlatform(Platform p) {
        EngineEndpoint endpoint = engines.get(p);
        if (endpoint == null) {
            return local();
        }
        Target t = connected.get(endpoint);
        if (t == null) {
            t = target(Engine.connect(endpoint), endpoint.host(), false);
            connected.put(endpoint, t);
        }
        return t;
    }

    /** The local engine (DOCKER_HOST or the socket), connected on first use. */
    synchronized Target local() {
        if (local == null) {
            local = target(localEngine.get(), DockerClients.host(), true);
        }
        return local;
    }

    private static Target target(DockerClient docker, String address, boolean local) {
        Info info = docker.infoCmd().exec();
        Platform arch;
        try {
            arch = Platform.parse(info.getArchitecture());
        } catch (UnknownPlatformException e) {
            throw new GateException("the Docker engine at " + address + " runs on '" + info.getArchitecture()
                    + "', an architecture archgate does not know", GateException.Kind.ENVIRONMENT, e);
        }
        String name = (info.getName() == null ? "engine" : info.getName()) + " (" + address + ")";
        return new Target(name, docker, Engine.runner(docker), arch, local);
    }
}
