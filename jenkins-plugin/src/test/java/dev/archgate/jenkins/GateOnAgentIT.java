package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.host.DockerClients;
import dev.archgate.jenkins.mapping.BuildOutcome;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import dev.archgate.jenkins.mapping.SmokeParameters;
import dev.archgate.smoke.Labels;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import hudson.AbortException;
import hudson.FilePath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent's part of the step against the real engine and registry: the callable as FilePath.act runs it on the
 * node that holds the workspace, with the fixtures of test-fixtures/.
 */
@IntegrationTest
class GateOnAgentIT {
    private static final Path ROOT = Fixtures.repositoryRoot();
    private static final String REPO = "127.0.0.1:5000/archgate/it/jenkins";

    @TempDir
    Path workspace;

    @Test
    void theGoodFixturePassesAndTheReportFilesAreInTheWorkspace() throws Exception {
        GateParameters p = parameters(Fixtures.named("good-static").image(), "linux/amd64", "linux/arm64");
        p.setSmoke(List.of(smoke(List.of("/app", "--version"), "^app 1\\.0\\.0")));
        p.setChecks(List.of("policy.root-user=info"));
        LogListener log = new LogListener();

        GateOutcome outcome = new FilePath(workspace.toFile()).act(new GateOnAgent(p, "archgate-report", UUID.randomUUID().toString(), Map.of(), log));

        assertThat(outcome.outcome().status()).as(log.text()).isEqualTo(BuildOutcome.Status.SUCCESS);
        assertThat(outcome.stepResult()).containsEntry("verdict", "pass").containsEntry("failedPlatforms", List.of());
        assertThat((String) outcome.stepResult().get("digest")).startsWith("sha256:");
        assertThat(outcome.reportFiles()).allSatisfy(f -> assertThat(workspace.resolve(f)).isRegularFile());
        assertThat(Files.readString(workspace.resolve(outcome.junitXml()))).contains("name=\"linux/arm64\"");
        assertThat(log.text()).contains("[archgate] [linux/arm64] PASS", "[archgate] [linux/amd64] PASS");
    }

    @Test
    void aWarningMakesTheBuildUnstableOnlyWithUnstableOnWarning() throws Exception {
        GateParameters p = parameters(Fixtures.named("good-static").image(), "linux/amd64");
        p.setSmoke(List.of(smoke(List.of("/app", "--version"), "")));
        p.setChecks(List.of("policy.root-user=warning"));

        p.setUnstableOnWarning(true);
        BuildOutcome unstable = new FilePath(workspace.toFile()).act(new GateOnAgent(p, "archgate-report", UUID.randomUUID().toString(), Map.of(), new LogListener())).outcome();
        assertThat(unstable.status()).isEqualTo(BuildOutcome.Status.UNSTABLE);
        assertThat(unstable.message()).contains("policy.root-user");

        p.setUnstableOnWarning(false);
        assertThat(new FilePath(workspace.toFile()).act(new GateOnAgent(p, "archgate-report", UUID.randomUUID().toString(), Map.of(), new LogListener())).outcome().status())
                .isEqualTo(BuildOutcome.Status.SUCCESS);
    }

    @Test
    void theHardCodedGoarchFixtureFailsWithTheDockerfileLineAndArm64() throws Exception {
        GateParameters p = new GateParameters();
        p.setContext(ROOT.resolve("test-fixtures/src").toString());
        p.setFile(ROOT.resolve("test-fixtures/broken-goarch/Dockerfile").toString());
        p.setPlatforms(List.of("linux/amd64", "linux/arm64"));
        p.setPush(true);
        p.setTags(List.of(REPO + ":broken-" + UUID.randomUUID().toString().substring(0, 8)));
        p.setSmoke(List.of(smoke(List.of("/app", "--version"), "")));
        LogListener log = new LogListener();

        GateOutcome outcome = new FilePath(workspace.toFile()).act(new GateOnAgent(p, "archgate-report", UUID.randomUUID().toString(), Map.of(), log));

        assertThat(outcome.outcome().status()).as(log.text()).isEqualTo(BuildOutcome.Status.FAILURE);
        assertThat(outcome.outcome().message()).startsWith("archgate: gate failed: linux/arm64 ")
                .contains("Dockerfile:7", "GOARCH=amd64").doesNotContain("linux/amd64");
        assertThat(outcome.stepResult()).containsEntry("verdict", "fail").containsEntry("failedPlatforms", List.of("linux/arm64"));
        assertThat(Files.readString(workspace.resolve(outcome.junitXml()))).contains("elf.arch-mismatch");
        assertThat(outcome.summaryHtml()).contains("Likely cause:", "Dockerfile:7");
        assertThat(log.text()).contains("[archgate] [linux/arm64] FAIL (elf.arch-mismatch");
    }

    @Test
    void mistakesAndUncheckableEnvironmentsEndWithTheEnginesSentence() {
        GateParameters badPlatform = parameters("127.0.0.1:5000/archgate/fixtures/good-static:latest", "linux/sparc");
        assertThatThrownBy(() -> new FilePath(workspace.toFile()).act(new GateOnAgent(badPlatform, "archgate-report", UUID.randomUUID().toString(), Map.of(), new LogListener())))
                .isInstanceOf(AbortException.class).hasMessageStartingWith("archgate: unknown platform 'linux/sparc'");

        GateParameters unreachable = parameters("127.0.0.1:5997/team/app:1", "linux/amd64");
        assertThatThrownBy(() -> new FilePath(workspace.toFile()).act(new GateOnAgent(unreachable, "archgate-report", UUID.randomUUID().toString(), Map.of(), new LogListener())))
                .isInstanceOf(AbortException.class).hasMessageContaining("registry 127.0.0.1:5997 is unreachable");
    }

    @Test
    void anAbortInTheMiddleOfASmokeRunLeavesNoContainer() throws Exception {
        GateParameters p = serviceGate();
        DockerClient docker = DockerClients.fromEnvironment(System.getenv());
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                new FilePath(workspace.toFile()).act(new GateOnAgent(p, "archgate-report", UUID.randomUUID().toString(), Map.of(), new LogListener()));
            } catch (Throwable t) {
                ended.set(t);
            }
        }, "jenkins-step");
        build.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (containers(docker) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(containers(docker)).as("smoke containers running").isPositive();

        build.interrupt(); // what remoting does on the agent when the build is aborted
        build.join(TimeUnit.MINUTES.toMillis(3));

        assertThat(build.isAlive()).isFalse();
        assertThat(ended.get()).isInstanceOf(InterruptedException.class);
        assertThat(containers(docker)).as("containers left once the step has returned").isZero();
        assertThat(workspace.resolve("archgate-report/report.json")).doesNotExist();
    }

    /**
     * What the step's stop() does: a second call to the agent (CancelOnAgent) that returns only once the gate's
     * containers are gone, after which the gate's own call returns the cancelled run's report (published, then the
     * step ends as aborted). Interrupting the remote call instead returns on the controller at once (jenkinsci/remoting
     * src/main/java/hudson/remoting/Request.java, tag 3352.v17a_fb_4b_2773f: call() sends a Cancel and rethrows).
     */
    @Test
    void anAbortThroughTheAgentReturnsOnlyOnceTheContainersAreRemoved() throws Exception {
        GateParameters p = serviceGate();
        DockerClient docker = DockerClients.fromEnvironment(System.getenv());
        String runId = UUID.randomUUID().toString();
        FilePath ws = new FilePath(workspace.toFile());
        AtomicReference<Object> ended = new AtomicReference<>();
        Thread build = new Thread(() -> {
            try {
                ended.set(ws.act(new GateOnAgent(p, "archgate-report", runId, Map.of(), new LogListener())));
            } catch (Throwable t) {
                ended.set(t);
            }
        }, "jenkins-step");
        assertThat(ws.act(new CancelOnAgent(runId))).as("nothing to cancel before the gate runs").isFalse();
        build.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (containers(docker) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(containers(docker)).as("smoke containers running").isPositive();

        assertThat(ws.act(new CancelOnAgent(runId))).isTrue();

        assertThat(containers(docker)).as("containers left once the cancel has returned").isZero();
        build.join(TimeUnit.MINUTES.toMillis(1));
        assertThat(ended.get()).isInstanceOf(GateOutcome.class);
        GateOutcome outcome = (GateOutcome) ended.get();
        assertThat(outcome.stepResult()).containsEntry("verdict", "error");
        assertThat(workspace.resolve("archgate-report/report.json")).content().contains("interrupted");
        assertThat(ws.act(new CancelOnAgent(runId))).as("nothing left to cancel once the gate has ended").isFalse();
    }

    /** The good-service fixture on two platforms, its service smoke test waiting long enough to be aborted in. */
    private static GateParameters serviceGate() {
        GateParameters p = parameters(Fixtures.named("good-service").image(), "linux/amd64", "linux/arm64");
        SmokeParameters serves = new SmokeParameters();
        serves.setName("serves");
        serves.setMode("service");
        serves.setReady("60s");
        p.setSmoke(List.of(serves));
        return p;
    }

    private static GateParameters parameters(String image, String... platforms) {
        GateParameters p = new GateParameters();
        p.setImage(image);
        p.setPlatforms(List.of(platforms));
        return p;
    }

    private static SmokeParameters smoke(List<String> command, String stdout) {
        SmokeParameters s = new SmokeParameters();
        s.setName("version");
        s.setCommand(command);
        s.setStdout(stdout);
        return s;
    }

    /** Containers this process's gates created (every smoke container carries its owner's pid). */
    private static long containers(DockerClient docker) {
        String owner = ":" + ProcessHandle.current().pid();
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.MARK, "1")).exec().stream()
                .filter(c -> c.getLabels().getOrDefault(Labels.OWNER, "").endsWith(owner)).count();
    }
}
