package dev.archgate.host;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.image.stream.GzipInflater;
import dev.archgate.platform.Platform;
import dev.archgate.spec.EngineEndpoint;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A host is what its adapter's environment says, not what the process's says: the source of truth
 * is the map handed in (a Jenkins build's variables differ from its agent's), and docker-java's
 * and the docker CLI's own variable names (DOCKER_HOST, DOCKER_CONFIG).
 */
class HostTest {
    @Test
    void theEngineTheDockerCliQemuAndTheDockerConfigComeFromTheGivenEnvironment() {
        Map<String, String> env = Map.of("DOCKER_HOST", "tcp://127.0.0.1:23999", "DOCKER_CONFIG", "/ci/docker",
                "ARCHGATE_DOCKER", "/opt/docker/bin/docker", "ARCHGATE_QEMU_DIR", "/opt/qemu");
        try (Host host = Host.of(env)) {
            assertThat(host.dockerAddress()).isEqualTo("tcp://127.0.0.1:23999");
            assertThat(host.dockerConfig()).isEqualTo(Path.of("/ci/docker/config.json"));
            assertThat(host.dockerCli().program()).isEqualTo("/opt/docker/bin/docker");
            assertThat(host.dockerCli().command(List.of("buildx", "version")).environment()).containsEntry("DOCKER_CONFIG", "/ci/docker");
            assertThat(host.dockerCli().command(List.of("buildx", "version")).command())
                    .containsExactly("/opt/docker/bin/docker", "buildx", "version");
            assertThat(host.qemu().problem(Platform.parse("linux/arm64"))).hasValueSatisfying(problem -> assertThat(problem)
                    .contains("needs /opt/qemu/qemu-aarch64-static"));
        }
    }

    @Test
    void withoutTheVariablesTheDefaultsOfTheDockerCliApply() {
        try (Host host = Host.of(Map.of())) {
            assertThat(host.dockerAddress()).isEqualTo("unix:///var/run/docker.sock");
            assertThat(host.dockerConfig()).isEqualTo(Path.of(System.getProperty("user.home"), ".docker", "config.json"));
            assertThat(host.dockerCli().program()).isEqualTo("docker");
            assertThat(host.qemu().problem(Platform.parse("linux/arm64")).orElse("needs /usr/bin/qemu-aarch64-static"))
                    .contains("needs /usr/bin/qemu-aarch64-static");
        }
    }

    @Test
    void theInflaterIsChosenFromTheGivenEnvironmentAndAMisspeltOneIsRefused() {
        try (Host host = Host.of(Map.of("ARCHGATE_INFLATER", "jdk", "PATH", "/nonexistent"))) {
            assertThat(host.inflaters()).isEqualTo(new GzipInflater.Choice(GzipInflater.JDK, true));
        }
        try (Host host = Host.of(Map.of("ARCHGATE_INFLATER", "zlib-ng"))) {
            assertThatThrownBy(host::inflaters).isInstanceOf(ArchgateException.class).hasMessageContaining("ARCHGATE_INFLATER=zlib-ng");
        }
    }

    @Test
    void closingTheHostClosesEveryEngineClientItMadeAndItMakesNoNewOne() {
        Host host = Host.of(Map.of("DOCKER_HOST", "tcp://127.0.0.1:23999"));
        assertThat(host.docker()).isSameAs(host.docker());
        host.docker(EngineEndpoint.of("tcp://127.0.0.1:23998"));
        host.docker(EngineEndpoint.of("tcp://127.0.0.1:23998"));
        assertThat(host.openClients()).isEqualTo(2);

        host.close();

        assertThat(host.openClients()).isZero();
        assertThatThrownBy(host::docker).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aStopRunsTheActionsOfRunsStillUnderWayOnly() {
        List<String> stopped = new ArrayList<>();
        try (Host host = Host.of(Map.of())) {
            Host.StopRegistration ended = host.onStop(() -> stopped.add("ended"));
            host.onStop(() -> stopped.add("running"));
            ended.close();

            host.stop();
        }
        assertThat(stopped).containsExactly("running");
    }
}
