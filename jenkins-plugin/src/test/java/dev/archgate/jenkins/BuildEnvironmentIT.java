package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.jenkins.mapping.BuildOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import dev.archgate.jenkins.mapping.SmokeParameters;
import dev.archgate.testing.AuthRegistry;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import hudson.AbortException;
import hudson.FilePath;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build's environment, not the agent JVM's, says where the engine and the registry logins are: the gate runs
 * through GateOnAgent as FilePath.act runs it on the agent, with the EnvVars a {@code withEnv} step would hand it.
 * Sources of truth: the real engine on the default socket, a path where nothing listens, and a real registry that
 * demands a login (Debian's docker-registry with htpasswd).
 */
@IntegrationTest
class BuildEnvironmentIT {
    @TempDir
    Path workspace;

    @Test
    void dockerHostInTheBuildsEnvironmentIsTheEngineTheSmokeRunUses(@TempDir Path dir) throws Exception {
        GateParameters p = new GateParameters();
        p.setImage(Fixtures.named("good-static").image());
        p.setPlatforms(List.of("linux/amd64"));
        SmokeParameters version = new SmokeParameters();
        version.setName("version");
        version.setCommand(List.of("/app", "--version"));
        p.setSmoke(List.of(version));
        String socket = dir.resolve("nothing.sock").toString(); // unique per run, nothing listens there

        LogListener log = new LogListener();
        assertThat(gate(p, Map.of(), log).status()).as("the agent's own engine: %s", log.text()).isEqualTo(BuildOutcome.Status.SUCCESS);

        assertThatThrownBy(() -> gate(p, Map.of("DOCKER_HOST", "unix://" + socket), new LogListener()))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("archgate: ").hasMessageContaining(socket)
                .hasMessageContaining("start dockerd, or set DOCKER_HOST");
    }

    @Test
    void dockerConfigInTheBuildsEnvironmentHoldsTheRegistryLogin(@TempDir Path dir) throws Exception {
        try (AuthRegistry registry = AuthRegistry.start(Files.createDirectories(dir.resolve("registry")), 5063)) {
            GateParameters p = new GateParameters();
            p.setImage(registry.address() + "/team/absent-" + UUID.randomUUID().toString().substring(0, 8) + ":1");
            p.setPlatforms(List.of("linux/amd64"));

            assertThatThrownBy(() -> gate(p, Map.of(), new LogListener())).isInstanceOf(AbortException.class)
                    .hasMessage("archgate: registry " + registry.address() + " asks for credentials and none are configured: run 'docker login "
                            + registry.address() + "'");

            Path config = Files.createDirectories(dir.resolve("docker-config"));
            String auth = Base64.getEncoder().encodeToString((AuthRegistry.USER + ":" + AuthRegistry.PASSWORD).getBytes(StandardCharsets.UTF_8));
            Files.writeString(config.resolve("config.json"), "{\"auths\":{\"" + registry.address() + "\":{\"auth\":\"" + auth + "\"}}}");
            // logged in through the build's DOCKER_CONFIG, the registry lets the read through and says the image is not there
            assertThatThrownBy(() -> gate(p, Map.of("DOCKER_CONFIG", config.toString()), new LogListener())).isInstanceOf(AbortException.class)
                    .hasMessage("archgate: image " + p.getImage() + " does not exist in the registry: check the name and tag, or push it first");
        }
    }

    private BuildOutcome gate(GateParameters p, Map<String, String> environment, LogListener log) throws Exception {
        return new FilePath(workspace.toFile()).act(new GateOnAgent(p, "archgate-report", UUID.randomUUID().toString(), environment, log)).outcome();
    }
}
