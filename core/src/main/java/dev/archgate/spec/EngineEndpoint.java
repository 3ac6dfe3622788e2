package dev.archgate.spec;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Docker engine the way the docker CLI names one: its address ({@code DOCKER_HOST}: unix://,
 * tcp:// or ssh://) and, for tcp, TLS as {@code DOCKER_TLS_VERIFY} and {@code DOCKER_CERT_PATH}
 * set it (ca.pem, cert.pem, key.pem in that directory).
 *
 * @param tlsVerify null: as DOCKER_TLS_VERIFY says for the local engine
 * @param certPath null: DOCKER_CERT_PATH, else ~/.docker
 */
public record EngineEndpoint(String host, Boolean tlsVerify, Path certPath) implements Serializable {
    public EngineEndpoint {
        Objects.requireNonNull(host, "host");
        if (!host.matches("(unix|tcp|ssh|npipe)://.+")) {
            throw ArchgateException.usage("the engine address '" + host + "' is not one docker understands: use unix:///path/docker.sock, "
                    + "tcp://host:2376 or ssh://user@host");
        }
    }

    public static EngineEndpoint of(String host) {
        return new EngineEndpoint(host, null, null);
    }

    /**
     * Adapter settings of the form PLATFORM=HOST (the CLI's {@code --engine}, the Jenkins step's {@code engines}),
     * platform to address, each checked.
     *
     * @param key where the entries came from, for the message (e.g. "--engine")
     * @throws ArchgateException naming the platform or address that is not valid
     */
    public static Map<Platform, EngineEndpoint> all(Map<String, String> given, String key) {
        Map<Platform, EngineEndpoint> out = new LinkedHashMap<>();
        given.forEach((platform, host) -> {
            try {
                out.put(Platform.parse(platform), of(host));
            } catch (UnknownPlatformException e) {
                throw ArchgateException.usage(key + ": " + e.getMessage());
            }
        });
        return out;
    }
}
