package dev.archgate.host;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.archgate.spec.EngineEndpoint;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Docker Engine clients as the docker CLI finds the engine, from the environment the adapter
 * hands over (DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_CONFIG)
 * rather than the process's: a Jenkins build's {@code withEnv} must reach them.
 */
public final class DockerClients {
    /** The variables docker-java's default configuration reads from the process; its defaults apply to the ones left out. */
    private static final List<String> VARIABLES = List.of("DOCKER_HOST", "DOCKER_TLS_VERIFY", "DOCKER_CERT_PATH", "DOCKER_CONFIG");

    private final Map<String, String> environment;

    DockerClients(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    /** The clients of the process's environment, for tests and benchmarks that talk to the engine themselves. */
    public static DockerClient fromEnvironment(Map<String, String> environment) {
        return new DockerClients(environment).local();
    }

    /** Where the engine is expected, for messages. */
    String host() {
        return builder().build().getDockerHost().toString();
    }

    DockerClient local() {
        return client(builder().build());
    }

    /**
     * An engine of engines:. What the endpoint leaves open comes from the environment, as for the
     * docker CLI: TLS verification from DOCKER_TLS_VERIFY, certificates from DOCKER_CERT_PATH.
     */
    DockerClient forEndpoint(EngineEndpoint endpoint) {
        DefaultDockerClientConfig.Builder b = builder().withDockerHost(endpoint.host());
        if (endpoint.tlsVerify() != null) {
            b.withDockerTlsVerify(endpoint.tlsVerify());
        }
        if (endpoint.certPath() != null) {
            b.withDockerCertPath(endpoint.certPath().toString());
        }
        return client(b.build());
    }

    /** docker-java's default configuration (the docker config directory in the user's home) under this environment's variables. */
    private DefaultDockerClientConfig.Builder builder() {
        Properties p = new Properties();
        p.setProperty("DOCKER_CONFIG", Path.of(System.getProperty("user.home"), ".docker").toString());
        p.setProperty("registry.url", "https://index.docker.io/v1/");
        p.setProperty("registry.username", System.getProperty("user.name"));
        for (String variable : VARIABLES) {
            String value = environment.get(variable);
            if (value != null && !value.isEmpty()) {
                p.setProperty(variable, value);
            }
        }
        return new DefaultDockerClientConfig.Builder().withProperties(p);
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
