package dev.archgate.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.ArchgateException;
import dev.archgate.host.DockerCli;
import dev.archgate.platform.Platform;
import dev.archgate.spec.BuildSpec;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real buildx builds that fail in each way a pipeline meets, each sorted to the party that must
 * act: a step failing for one platform (the image), a Dockerfile that does not parse (the user),
 * a registry or engine that is down or failing (the environment).
 */
@IntegrationTest
class BuildxFailuresIT {
    private static final List<Platform> TWO = List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
    private static final String DOCKER = System.getenv().getOrDefault("ARCHGATE_DOCKER", "docker");

    private static BuildResult build(Path context, boolean push, String tag) throws InterruptedException {
        List<String> lines = new ArrayList<>();
        BuildResult r = new Buildx(new DockerCli(DOCKER, Map.of()), null).build(new BuildSpec(context, null, Map.of(), push, push ? List.of(tag) : List.of(), null), TWO, true,
                lines::add);
        assertThat(r.succeeded()).as(String.join("\n", lines)).isFalse();
        return r;
    }

    @Test
    void aRunStepFailingUnderEmulationFailsThatPlatformOnlyWithItsLineAndOutput() throws Exception {
        Path context = Fixtures.repositoryRoot().resolve("test-fixtures/broken-build-arm64");
        BuildFailure f = build(context, false, null).failure();

        assertThat(f.ofPlatforms()).isTrue();
        assertThat(f.steps()).hasSize(1);
        BuildFailure.FailedStep step = f.steps().get(0);
        assertThat(step.platform()).isEqualTo(Platform.parse("linux/arm64"));
        assertThat(step.line()).isEqualTo(5);
        assertThat(step.step()).startsWith("[linux/arm64 3/3] RUN case");
        assertThat(step.error()).contains("exit code: 1");
        assertThat(step.output()).contains("no engine build for aarch64");
    }

    @Test
    void aBaseImageWithoutThePlatformFailsThatPlatformAtItsFromLine(@TempDir Path dir) throws Exception {
        // The Go toolchain base is built for linux/amd64 only.
        Files.writeString(dir.resolve("Dockerfile"), "# a base of one platform\nFROM 127.0.0.1:5000/archgate/bases/go:1.19\nRUN true\n");
        BuildFailure f = build(dir, false, null).failure();

        assertThat(f.ofPlatforms()).isTrue();
        assertThat(f.steps()).extracting(BuildFailure.FailedStep::platform).containsExactly(Platform.parse("linux/arm64"));
        assertThat(f.steps().get(0).line()).isEqualTo(2);
        assertThat(f.steps().get(0).error()).contains("has no linux/arm64 variant");
    }

    @Test
    void aDockerfileThatDoesNotParseIsAUsageError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPPY x /x\n");
        BuildFailure f = build(dir, false, null).failure();

        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.USAGE);
        assertThat(f.message()).contains("the Dockerfile does not parse", "line 2", "COPPY");
    }

    @Test
    void aPushToARegistryThatIsDownIsAnEnvironmentErrorNamingIt(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY Dockerfile /x\n");
        BuildFailure f = build(dir, true, "127.0.0.1:5998/h14/down:1").failure();

        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
        assertThat(f.message()).contains("the registry 127.0.0.1:5998 is unreachable while pushing the image", "connection refused");
    }

    /**
     * A fake: the real registry cannot be made to answer 5xx on demand, so a socket answers every
     * request with {@code status}. It answers at once, whatever arrives, so BuildKit's TLS attempt
     * gets an HTTP answer and falls back to plain HTTP, as it does with a real registry on loopback.
     */
    private static ServerSocket failingRegistry(String status) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(2000);
                    byte[] buffer = new byte[8192];
                    s.getInputStream().read(buffer);
                    s.getOutputStream().write(("HTTP/1.1 " + status + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    // the next connection is served anyway; a closed server ends the loop
                }
            }
        }, "failing-registry");
        t.setDaemon(true);
        t.start();
        return server;
    }

    @Test
    void aRegistryAnswering500DuringThePushIsAnEnvironmentErrorNamingIt(@TempDir Path dir) throws Exception {
        try (ServerSocket failing = failingRegistry("500 Internal Server Error")) {
            String registry = "127.0.0.1:" + failing.getLocalPort();
            Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\nCOPY Dockerfile /x\n");
            BuildFailure f = build(dir, true, registry + "/h14/failing:1").failure();

            assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
            assertThat(f.message()).contains("the registry " + registry + " answered with a server error while pushing the image", "500");
        }
    }

    @Test
    void aRegistryAnswering503ForTheBaseImageIsAnEnvironmentError(@TempDir Path dir) throws Exception {
        try (ServerSocket failing = failingRegistry("503 Service Unavailable")) {
            String registry = "127.0.0.1:" + failing.getLocalPort();
            Files.writeString(dir.resolve("Dockerfile"), "FROM " + registry + "/base/busybox:1\nRUN true\n");
            BuildFailure f = build(dir, false, null).failure();

            assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
            assertThat(f.message()).contains("the registry " + registry + " answered with a server error while reading a base image", "503");
        }
    }

    @Test
    void anEngineThatDoesNotAnswerIsAnEnvironmentError(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
        ProcessBuilder pb = new ProcessBuilder(DOCKER, "buildx", "build", "--progress=rawjson", dir.toString()).redirectErrorStream(true);
        pb.environment().put("DOCKER_HOST", "unix://" + dir.resolve("no-engine.sock"));
        Process p = pb.start();
        BuildProgress progress = new BuildProgress(line -> { });
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            r.lines().forEach(progress::line);
        }
        int status = p.waitFor();

        BuildFailure f = progress.failure(List.of(Platform.parse("linux/amd64")), status);
        assertThat(status).isNotZero();
        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
        assertThat(f.message()).contains("cannot reach its builder", "no-engine.sock");
    }
}
