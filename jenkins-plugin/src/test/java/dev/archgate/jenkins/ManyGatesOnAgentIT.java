package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.host.DockerClients;
import dev.archgate.jenkins.mapping.BuildOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import dev.archgate.jenkins.mapping.SmokeParameters;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.ProcessResources;
import hudson.FilePath;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A busy agent runs gate after gate in one JVM without restarting: after a warm-up, 200 gates through GateOnAgent (as
 * FilePath.act runs it on the agent, each with the build's environment) leave the JVM's live threads, its shutdown hooks
 * (java.lang.ApplicationShutdownHooks), its open file descriptors (/proc/self/fd) and its connections to the engine
 * (Unix sockets, /proc/self/net/unix) where they were. Most are audits of a registry fixture (read through the
 * registry, one platform to keep the test near two minutes); every tenth also smoke-runs it on the engine, since a smoke
 * run costs a container's start.
 */
@IntegrationTest
class ManyGatesOnAgentIT {
    private static final int GATES = 200;
    private static final int SMOKE_EVERY = 10;
    /** Looked up once: each lookup asks the registry through an HttpClient of its own, whose threads outlive it. */
    private static final String IMAGE = Fixtures.named("good-static").image();

    @TempDir
    Path workspace;

    @Test
    void twoHundredGatesInOneAgentJvmLeaveThreadsHooksDescriptorsAndEngineConnectionsFlat() throws Exception {
        for (int i = 0; i < 3; i++) { // pools that live for the JVM (the common pool, the HTTP clients' selectors) start here
            gate(false);
            gate(true);
        }
        int threads = ProcessResources.threads();
        int hooks = ProcessResources.shutdownHooks();
        long descriptors = ProcessResources.descriptors();
        long engineConnections = ProcessResources.unixSockets();
        try (DockerClient engine = DockerClients.fromEnvironment(System.getenv())) {
            engine.pingCmd().exec();
            assertThat(ProcessResources.unixSockets()).as("an open engine client is counted").isGreaterThan(engineConnections);
        }

        for (int i = 1; i <= GATES; i++) {
            gate(i % SMOKE_EVERY == 0);
        }
        System.out.printf("after %d gates: threads %d -> %d, shutdown hooks %d -> %d, descriptors %d -> %d, engine connections %d -> %d%n",
                GATES, threads, ProcessResources.threads(), hooks, ProcessResources.shutdownHooks(), descriptors,
                ProcessResources.descriptors(), engineConnections, ProcessResources.unixSockets());

        assertThat(ProcessResources.threads()).as(() -> "live threads after " + GATES + " gates: " + ProcessResources.threadNames())
                .isLessThanOrEqualTo(threads + 2);
        assertThat(ProcessResources.shutdownHooks()).as("JVM shutdown hooks after %d gates", GATES).isEqualTo(hooks);
        assertThat(ProcessResources.descriptors()).as("open file descriptors after %d gates", GATES).isLessThanOrEqualTo(descriptors + 4);
        assertThat(ProcessResources.unixSockets()).as("connections to the engine after %d gates", GATES).isLessThanOrEqualTo(engineConnections);
    }

    private void gate(boolean smoke) throws Exception {
        GateParameters p = new GateParameters();
        p.setImage(IMAGE);
        p.setPlatforms(List.of("linux/amd64"));
        if (smoke) {
            SmokeParameters version = new SmokeParameters();
            version.setName("version");
            version.setCommand(List.of("/app", "--version"));
            p.setSmoke(List.of(version));
        }
        LogListener log = new LogListener();
        BuildOutcome outcome = new FilePath(workspace.toFile())
                .act(new GateOnAgent(p, "archgate-report", UUID.randomUUID().toString(), System.getenv(), log)).outcome();
        assertThat(outcome.status()).as(log::text).isEqualTo(BuildOutcome.Status.SUCCESS);
    }
}
