package dev.archgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Verdict;
import dev.archgate.host.Host;
import dev.archgate.host.ProbeProgram;
import dev.archgate.platform.Platform;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.OciImage;
import dev.archgate.testing.TarLayer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stage sequence and cancellation of the gate, over a host whose engine does not exist (its
 * DOCKER_HOST is a port nothing listens on): what needs no engine must never ask for one. The
 * images are made here (an OCI layout holding archgate's own amd64 probe program) and a socket
 * that accepts and never answers stands for a registry that hangs.
 */
class GateFlowTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    /** No engine: the discard port on loopback, where nothing listens here. */
    private static final Map<String, String> NO_ENGINE = Map.of("DOCKER_HOST", "tcp://127.0.0.1:9", "ARCHGATE_INFLATER", "jdk");

    @Test
    void anAuditResolvesTheImageThenChecksEachPlatformWithoutConnectingAnEngine(@TempDir Path dir) throws Exception {
        Path layout = OciImage.linux("amd64").entrypoint("/app")
                .layer(new TarLayer().file("app", 0755, ProbeProgram.elf(AMD64)).bytes()).writeLayout(dir.resolve("image"));
        List<String> events = new CopyOnWriteArrayList<>();
        GateListener listener = new GateListener() {
            @Override
            public void log(String line) {
                events.add(line);
            }

            @Override
            public void platformStarted(Platform platform) {
                events.add("started " + platform);
            }

            @Override
            public void platformFinished(PlatformReport report) {
                events.add("finished " + report.platform() + " " + report.verdict().id());
            }
        };
        GateSpec spec = SpecDraft.empty().withImage("oci:" + layout).withPlatforms(List.of(AMD64, ARM64)).toSpec();

        Report report;
        try (Host host = Host.of(NO_ENGINE)) {
            report = Gate.audit(host, spec, listener);
            assertThat(host.openClients()).as("an audit of an image in a layout asks no engine").isZero();
        }

        assertThat(report.platforms()).extracting(PlatformReport::verdict).containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(report.platforms().get(1).findings()).extracting(f -> f.check()).contains(Check.PLATFORM_MISSING);
        assertThat(events.get(0)).isEqualTo("resolving oci:" + layout);
        assertThat(events).contains("started linux/amd64", "started linux/arm64", "finished linux/amd64 pass", "finished linux/arm64 fail");
        assertThat(events.indexOf("finished linux/amd64 pass")).isGreaterThan(events.indexOf("started linux/amd64"));
    }

    @Test
    void aSmokeRunOfAnImageNoEngineCanRunIsRefusedBeforeAnyEngineIsAsked(@TempDir Path dir) throws Exception {
        Path layout = OciImage.linux("amd64").entrypoint("/app")
                .layer(new TarLayer().file("app", 0755, ProbeProgram.elf(AMD64)).bytes()).writeLayout(dir.resolve("image"));
        GateSpec spec = SpecDraft.empty().withImage("oci:" + layout).withPlatforms(List.of(AMD64))
                .withSmoke(List.of(new SmokeTest("runs", SmokeTest.Mode.COMMAND, List.of(), 0, "", "", Duration.ofSeconds(5),
                        Duration.ofSeconds(1)))).toSpec();
        try (Host host = Host.of(NO_ENGINE)) {
            assertThatThrownBy(() -> Gate.smoke(host, spec, GateListener.SILENT)).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                    .hasMessageContaining("push or load oci:" + layout + " first");
            assertThat(host.openClients()).isZero();
        }
    }

    @Test
    void aCancelledRunEndsAtOnceWithEveryUnfinishedPlatformInterrupted() throws Exception {
        List<Socket> held = new ArrayList<>();
        CountDownLatch asked = new CountDownLatch(1);
        try (ServerSocket hanging = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try {
                    while (true) {
                        held.add(hanging.accept()); // read nothing, answer nothing
                        asked.countDown();
                    }
                } catch (java.io.IOException e) {
                    // closed: the test is over
                }
            });
            accept.start();
            GateSpec spec = SpecDraft.empty().withImage("127.0.0.1:" + hanging.getLocalPort() + "/team/app:1")
                    .withPlatforms(List.of(AMD64, ARM64)).toSpec();
            try (Host host = Host.of(NO_ENGINE)) {
                GateRun run = Gate.startAudit(host, spec, GateListener.SILENT);
                assertThat(asked.await(30, TimeUnit.SECONDS)).as("the registry was asked").isTrue();
                long start = System.nanoTime();

                run.cancel();
                Report report = run.await();

                assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
                assertThat(report.verdict()).isEqualTo(Verdict.ERROR);
                assertThat(report.platforms()).extracting(PlatformReport::reason)
                        .containsExactly(PlatformReport.INTERRUPTED, PlatformReport.INTERRUPTED);
            }
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }
    }
}
