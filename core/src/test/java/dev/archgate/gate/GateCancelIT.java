package dev.archgate.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.Labels;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An adapter can cancel a running gate; its smoke containers go with it. */
@IntegrationTest
class GateCancelIT {
    @Test
    void cancellingARunningGateRemovesItsContainers() throws Exception {
        DockerClient docker = DockerClients.fromEnvironment();
        CountDownLatch started = new CountDownLatch(1);
        var spec = SpecDraft.empty().withImage(Fixtures.named("good-service").image()).withPlatforms(Platform.parseList("linux/amd64,linux/arm64"))
                .withSmoke(List.of(new SmokeTest("serves", SmokeTest.Mode.SERVICE, List.of(), 0, "", "", Duration.ofSeconds(60),
                        Duration.ofSeconds(30)))).toSpec();

        GateRun run = Gate.start(spec, new GateListener() {
            @Override
            public void log(String line) {}

            @Override
            public void platformStarted(Platform platform) {
                started.countDown();
            }
        });
        assertThat(started.await(60, TimeUnit.SECONDS)).isTrue();
        waitForContainers(docker, 1);
        run.cancel();

        assertThatThrownBy(run::await).isInstanceOf(CancellationException.class);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (running(docker) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(running(docker)).isZero();
    }

    private static void waitForContainers(DockerClient docker, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (running(docker) < n && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(running(docker)).isGreaterThanOrEqualTo(n);
    }

    /** Containers of this process (the gate's runs are owned by it). */
    private static long running(DockerClient docker) {
        String owner = ":" + ProcessHandle.current().pid();
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.MARK, "1")).exec().stream()
                .filter(c -> c.getLabels().getOrDefault(Labels.OWNER, "").endsWith(owner)).count();
    }
}
