package dev.archgate.cli;

import dev.archgate.spec.EngineEndpoint;
import dev.archgate.spec.SettingsBuilder;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --engine PLATFORM=HOST}: the Docker engine that runs a platform's smoke tests (engines: in archgate.yml). */
final class EngineOptions {
    @Option(names = "--engine", paramLabel = "PLATFORM=HOST", description = "Run this platform's smoke tests on that Docker engine, "
            + "e.g. linux/arm64=tcp://arm-host:2376 (TLS from DOCKER_TLS_VERIFY and DOCKER_CERT_PATH; repeatable; merged into engines:).")
    Map<String, String> engines = new LinkedHashMap<>();

    SettingsBuilder addTo(SettingsBuilder overrides) {
        return overrides.engines(EngineEndpoint.all(engines, "--engine"));
    }
}
