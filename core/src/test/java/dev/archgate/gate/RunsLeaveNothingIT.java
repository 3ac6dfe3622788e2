package dev.archgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Report;
import dev.archgate.findings.Verdict;
import dev.archgate.host.Host;
import dev.archgate.platform.Platform;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.ProcessResources;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A long-lived process (a Jenkins agent) runs gate after gate: whatever a run opens, the run
 * closes. The source of truth is the JVM itself: its live threads and its open file descriptors
 * (/proc/self/fd, which holds every engine socket) after many audits and smoke runs of a real
 * fixture against the real engine, each through a host built and closed as an adapter does.
 * (No run adds a shutdown hook: PackageRulesTest forbids the call in the engine.)
 */
@IntegrationTest
class RunsLeaveNothingIT {
    private static final int RUNS = 30;

    @Test
    void manyAuditsAndSmokeRunsInOneJvmLeaveThreadsDescriptorsAndEngineClientsWhereTheyWere() throws Exception {
        GateSpec spec = SpecDraft.empty().withImage(Fixtures.named("good-static").image())
                .withPlatforms(Platform.parseList("linux/amd64,linux/arm64"))
                .withSmoke(List.of(new SmokeTest("version", SmokeTest.Mode.COMMAND, List.of("/app", "--version"), 0, "^app ", "",
                        Duration.ofSeconds(60), Duration.ofSeconds(1)))).toSpec();
        for (int i = 0; i < 3; i++) {
            gate(spec); // pools that live for the JVM (the common pool, the HTTP client's selector) start here
        }
        int threads = ProcessResources.threads();
        long descriptors = ProcessResources.descriptors();
        Map<String, Long> targets = ProcessResources.descriptorTargets();

        for (int i = 0; i < RUNS; i++) {
            gate(spec);
        }

        assertThat(ProcessResources.threads()).as(() -> "live threads after " + RUNS + " more runs: " + ProcessResources.threadNames())
                .isLessThanOrEqualTo(threads + 2);
        long descriptorsAfter = ProcessResources.descriptors();
        assertThat(descriptorsAfter).as("open file descriptors after %d more runs: %s, before them: %s", RUNS, ProcessResources.descriptorTargets(),
                targets).isLessThanOrEqualTo(descriptors + 4);
    }

    private static void gate(GateSpec spec) throws InterruptedException {
        Host host = Host.of(System.getenv());
        try (host) {
            Report audit = Gate.audit(host, spec, GateListener.SILENT);
            Report smoke = Gate.smoke(host, spec, GateListener.SILENT);
            assertThat(audit.verdict()).as(audit.toString()).isEqualTo(Verdict.PASS);
            assertThat(smoke.verdict()).as(smoke.toString()).isEqualTo(Verdict.PASS);
            assertThat(host.openClients()).as("the smoke run connected the local engine").isEqualTo(1);
        }
        assertThat(host.openClients()).isZero();
    }
}
