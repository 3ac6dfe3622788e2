package dev.archgate.spec;

import dev.archgate.platform.Platform;
import java.io.Serializable;
import java.util.Map;

/**
 * Where a gate's work runs when it is spread over machines: the buildx builder that builds (null:
 * buildx's current one) and, per platform, the Docker engine that runs its smoke tests (a platform
 * not named runs on the local engine).
 */
public record Machines(String builder, Map<Platform, EngineEndpoint> engines) implements Serializable {
    public static final Machines LOCAL = new Machines(null, Map.of());

    public Machines {
        engines = Map.copyOf(engines);
    }

    public Machines withBuilder(String v) {
        return new Machines(v, engines);
    }

    public Machines withEngines(Map<Platform, EngineEndpoint> v) {
        return new Machines(builder, v);
    }
}
