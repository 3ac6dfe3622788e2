package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.archgate.spec.EngineEndpoint;
import java.time.Duration;

/** The Docker Engine client, from DOCKER_HOST or the local socket, as the docker CLI finds it. */
public final class DockerClients {
    /** The docker CLI archgate runs for what the Engine API cannot do (buildx builds, registry-side copies). */
    static final String CLI = System.getenv().getOrDefault("ARCHGATE_DOCKER", "docker");

    private DockerClients() {}

    /** Where the engine is expected, for messages. */
    static String host() {
        return DefaultDockerClientConfig.createDefaultConfigBuilder().build().getDockerHost().toString();
    }

    public static DockerClient fromEnvironment() {
        return client(DefaultDockerClientConfig.createDefaultConfigBuilder().build());
    }

    /**
     * An engine of engines:. What the endpoint leaves open comes from the environment, as for the
     * docker CLI: TLS verification from DOCKER_TLS_VERIFY, certificates from DOCKER_CERT_PATH.
     */
    static DockerClient forEndpoint(EngineEndpoint endpoint) {
        DefaultDockerClientConfig.Builder b = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(endpoint.host());
        if (endpoint.tlsVerify() != null) {
            b.withDockerTlsVerify(endpoint.tlsVerify());
        }
        if (endpoint.certPath() != null) {
            b.withDockerCertPath(endpoint.certPath().toString());
        }
        return client(b.build());
    }

    private static DockerClient client(DefaultDockerClientConfig config) {
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(10))
                .responseTimeout(Duration.ofMinutes(10))
                .build();
        return DockerClientImpl.getInstance(config, http);
    }
}
