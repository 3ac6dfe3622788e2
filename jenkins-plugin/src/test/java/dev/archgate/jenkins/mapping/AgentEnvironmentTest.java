package dev.archgate.jenkins.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.Host;
import hudson.EnvVars;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A variable written in lower case by {@code withEnv} reaches the engine on a Windows agent and only there. Source of
 * truth: jenkinsci/jenkins core/src/main/java/hudson/EnvVars.java (a TreeMap built with String.CASE_INSENSITIVE_ORDER on
 * every platform, its Javadoc: Windows reads variables without case), which the stand-in copies; the build's EnvVars
 * reaches the agent as the plain map GateInBuild hands to GateOnAgent.
 */
class AgentEnvironmentTest {
    private static final String SOCKET = "unix:///tmp/archgate-agent-environment/nothing.sock";

    @Test
    void aLowerCaseDockerHostFromWithEnvIsTheEngineOnWindowsAgents() {
        EnvVars build = new EnvVars();
        build.put("docker_host", SOCKET); // withEnv(['docker_host=...']) on a node without DOCKER_HOST
        assertThat(build.get("DOCKER_HOST")).as("EnvVars itself ignores case").isEqualTo(SOCKET);
        Map<String, String> shipped = new HashMap<>(build); // what crosses to the agent

        try (Host windows = Host.of(AgentEnvironment.forHost(shipped, true))) {
            assertThat(windows.dockerAddress()).isEqualTo(SOCKET);
        }
        try (Host linux = Host.of(AgentEnvironment.forHost(shipped, false))) {
            assertThat(linux.dockerAddress()).as("on Linux docker_host is another variable than DOCKER_HOST").isNotEqualTo(SOCKET);
        }
    }

    @Test
    void aLowerCaseNameOverridesTheNodesVariableWhatEverTheAgent() {
        EnvVars build = new EnvVars(Map.of("DOCKER_HOST", "unix:///var/run/docker.sock"));
        build.put("docker_host", SOCKET); // EnvVars keeps the first spelling of the name and takes the new value
        Map<String, String> shipped = new HashMap<>(build);

        for (boolean windows : new boolean[] {true, false}) {
            try (Host host = Host.of(AgentEnvironment.forHost(shipped, windows))) {
                assertThat(host.dockerAddress()).as("windows=%s", windows).isEqualTo(SOCKET);
            }
        }
    }
}
