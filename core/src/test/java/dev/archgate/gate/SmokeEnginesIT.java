package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Check;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SmokeResult;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.Labels;
import dev.archgate.spec.EngineEndpoint;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.TlsEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke runs spread over two real engines: the host's, and a second dockerd on loopback TCP with
 * TLS client certificates standing in for an engine on another machine.
 */
@IntegrationTest
class SmokeEnginesIT {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Platform S390X = Platform.parse("linux/s390x");

    private static GateSpec spec(String image, TlsEngine engine, SmokeTest test, Platform... platforms) {
        return SpecDraft.empty().withImage(image).withPlatforms(List.of(platforms)).withSmoke(List.of(test))
                .withEngines(Map.of(ARM64, new EngineEndpoint(engine.host(), true, engine.certPath())))
                .toSpec();
    }

    @Test
    void eachPlatformRunsOnItsEngineAndTheReportSaysWhichAndHow(@TempDir Path dir) throws Exception {
        try (TlsEngine second = TlsEngine.start(dir, 23761)) {
            String since = Instant.now().minusSeconds(1).toString();
            SmokeTest version = new SmokeTest("version", SmokeTest.Mode.COMMAND, List.of("/app", "--version"), 0, "^app 1\\.0\\.0", "",
                    Duration.ofSeconds(60), Duration.ofSeconds(5));

            Report report = Gate.smoke(HOST, spec(Fixtures.named("good-static").image(), second, version, AMD64, ARM64, S390X), GateListener.SILENT);

            assertThat(report.verdict()).as(report.toString()).isEqualTo(Verdict.PASS);
            SmokeResult arm64 = report.platforms().get(1).smoke().get(0);
            assertThat(arm64.engine()).contains(second.host());
            assertThat(arm64.execution()).isEqualTo(SmokeResult.Execution.STRICT_EMULATION);
            SmokeResult amd64 = report.platforms().get(0).smoke().get(0);
            assertThat(amd64.engine()).doesNotContain(second.host());
            // Strict runs of the host's own architecture emulate the platform's baseline CPU (x86-64-v1).
            assertThat(amd64.execution()).isEqualTo(SmokeResult.Execution.STRICT_EMULATION);
            assertThat(report.platforms().get(2).smoke().get(0).engine()).isEqualTo(amd64.engine());
            // What each engine itself saw: containers made by this process, one on the second engine, two here.
            String owner = new Labels().forContainer().get(Labels.OWNER);
            assertThat(creates(second.docker("events", "--since", since, "--until", Instant.now().toString(), "--filter", "event=create",
                    "--filter", "label=" + Labels.OWNER + "=" + owner, "--format", "{{.Actor.ID}}"))).isEqualTo(1);
            assertThat(creates(new ProcessBuilder("docker", "events", "--since", since, "--until", Instant.now().toString(), "--filter",
                    "event=create", "--filter", "label=" + Labels.OWNER + "=" + owner, "--format", "{{.Actor.ID}}")
                    .redirectErrorStream(true).start())).isEqualTo(2);
        }
    }

    @Test
    void anEngineThatStopsMidRunIsAnEnvironmentErrorForItsPlatformOnly(@TempDir Path dir) throws Exception {
        TlsEngine second = TlsEngine.start(dir, 23762);
        SmokeTest serves = new SmokeTest("serves", SmokeTest.Mode.SERVICE, List.of(), 0, "", "", Duration.ofSeconds(60), Duration.ofSeconds(20));
        GateRun run = Gate.start(HOST, spec(Fixtures.named("good-service").image(), second, serves, AMD64, ARM64), GateListener.SILENT);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!running(second) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(running(second)).as("a smoke container on the second engine").isTrue();
        } finally {
            second.close();
        }

        Report report = run.await();

        PlatformReport amd64 = report.platforms().get(0);
        PlatformReport arm64 = report.platforms().get(1);
        assertThat(amd64.verdict()).as(amd64.toString()).isEqualTo(Verdict.PASS);
        assertThat(arm64.verdict()).as(arm64.toString()).isEqualTo(Verdict.ERROR);
        assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
    }

    @Test
    void anEngineThatDoesNotAnswerIsAnErrorNamingItForItsPlatformOnly() throws Exception {
        SmokeTest version = new SmokeTest("version", SmokeTest.Mode.COMMAND, List.of("/app", "--version"), 0, "", "",
                Duration.ofSeconds(60), Duration.ofSeconds(5));
        GateSpec spec = SpecDraft.empty().withImage(Fixtures.named("good-static").image()).withPlatforms(List.of(AMD64, ARM64))
                .withSmoke(List.of(version)).withEngines(Map.of(ARM64, EngineEndpoint.of("tcp://127.0.0.1:23769")))
                .toSpec();

        Report report = Gate.smoke(HOST, spec, GateListener.SILENT);

        assertThat(report.platforms().get(0).verdict()).isEqualTo(Verdict.PASS);
        PlatformReport arm64 = report.platforms().get(1);
        assertThat(arm64.verdict()).isEqualTo(Verdict.ERROR);
        assertThat(arm64.findings()).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.ENGINE_FAILED);
            assertThat(f.message()).contains("does not answer at tcp://127.0.0.1:23769");
        });
    }

    private static boolean running(TlsEngine engine) throws IOException, InterruptedException {
        return creates(engine.docker("ps", "-q", "--filter", "label=" + Labels.MARK + "=1")) > 0;
    }

    private static long creates(Process p) throws IOException, InterruptedException {
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        return out.lines().filter(l -> !l.isBlank()).count();
    }
}
