package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.AuthRegistry;
import dev.archgate.testing.ClassicEngine;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The action as a workflow on GitHub's hosted runners meets it ({@link HostedRunner}): an engine
 * with the classic image store and only the docker driver builder, the action container on the
 * default bridge, and a registry that demands a login (Debian's docker-registry with htpasswd
 * auth, over https on the engine bridge's gateway, which the engine and the action container both
 * reach under one name). The login is written as docker/login-action writes it (a real
 * {@code docker login} into {@code DOCKER_CONFIG=<runner_temp>/docker}, the job-level env the
 * README shows), or given as the registry/username/password inputs. The registry's own
 * certificate is trusted as a self-hosted runner with a private CA would trust it: SSL_CERT_FILE
 * for the docker CLI and buildx, a trust store in JAVA_TOOL_OPTIONS for the JVM; the engine
 * reaches it as an insecure registry (dev/setup-host). The action image is ARCHGATE_ACTION_IMAGE
 * (dev/test's) or 127.0.0.1:5000/archgate/action:dev, pulled into the classic engine.
 */
@IntegrationTest
class RunnerShapedActionIT {
    private static final String IMAGE = System.getenv().getOrDefault("ARCHGATE_ACTION_IMAGE", "127.0.0.1:5000/archgate/action:dev");
    private static final int PORT = 5091;
    private static final String PLATFORMS = "linux/amd64,linux/arm64,linux/arm/v7";
    private static final Path FIXTURES = Fixtures.repositoryRoot().resolve("test-fixtures");
    private static ClassicEngine engine;
    private static AuthRegistry registry;
    private static Path registryDir;

    @TempDir
    Path dir;

    @BeforeAll
    static void engineAndRegistry(@TempDir Path shared) throws Exception {
        engine = ClassicEngine.shared();
        Process pull = engine.docker("pull", "-q", IMAGE);
        String said = new String(pull.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(pull.waitFor()).as("the classic engine pulls the action image: " + said).isZero();
        registryDir = Files.createDirectories(shared.resolve("registry"));
        registry = AuthRegistry.startTls(registryDir, ClassicEngine.GATEWAY, PORT);
    }

    @AfterAll
    static void stop() throws Exception {
        if (registry != null) {
            registry.close();
        }
        removeRegistryImages();
    }

    /** The classic engine forgets this registry's images, so the next gate must pull (with a login) what it smoke-tests. */
    private static void removeRegistryImages() throws Exception {
        Process ls = engine.docker("image", "ls", "-q", "--filter", "reference=" + ClassicEngine.GATEWAY + ":" + PORT + "/*/*");
        for (String id : new String(ls.getInputStream().readAllBytes()).lines().distinct().toList()) {
            engine.docker("image", "rm", "-f", id).waitFor();
        }
    }

    private HostedRunner runner(String... fixtures) throws IOException, InterruptedException {
        HostedRunner r = trusting(new HostedRunner(engine, IMAGE, dir));
        ActionContractIT.copy(FIXTURES.resolve("src"), r.workspace.resolve("src"));
        for (String f : fixtures) {
            Files.createDirectories(r.workspace.resolve(f));
            Files.copy(FIXTURES.resolve(f).resolve("Dockerfile"), r.workspace.resolve(f).resolve("Dockerfile"));
        }
        return r;
    }

    /** A runner whose workspace is a checkout of a repository that holds {@code fixture}'s program and Dockerfile at its root. */
    private HostedRunner checkout(String fixture) throws IOException, InterruptedException {
        HostedRunner r = trusting(new HostedRunner(engine, IMAGE, dir));
        ActionContractIT.copy(FIXTURES.resolve("src"), r.workspace);
        Files.copy(FIXTURES.resolve(fixture).resolve("Dockerfile"), r.workspace.resolve("Dockerfile"));
        return r;
    }

    /** The registry's certificate where the job's env ({@link #env}) names it, for the docker CLI and for the JVM. */
    private static HostedRunner trusting(HostedRunner r) throws IOException, InterruptedException {
        Files.copy(registry.certificate(), r.runnerTemp.resolve("registry-ca.pem"));
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-importcert",
                "-noprompt", "-storetype", "PKCS12", "-keystore", r.runnerTemp.resolve("registry-ca.p12").toString(), "-storepass",
                "changeit", "-alias", "registry", "-file", registry.certificate().toString()).redirectErrorStream(true).start();
        keytool.getInputStream().readAllBytes();
        assertThat(keytool.waitFor()).isZero();
        return r;
    }

    /** The job's env: the registry's trust as a private CA's, plus {@code more}. */
    private static Map<String, String> env(HostedRunner r, Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("SSL_CERT_FILE", r.runnerTemp.resolve("registry-ca.pem").toString(),
                "JAVA_TOOL_OPTIONS", "-Djavax.net.ssl.trustStore=" + r.runnerTemp.resolve("registry-ca.p12")
                        + " -Djavax.net.ssl.trustStorePassword=changeit"));
        env.putAll(more);
        return env;
    }

    /** docker/login-action's step: docker login with DOCKER_CONFIG from the job's env, on the runner itself. */
    private static Map<String, String> loginAction(HostedRunner r, String password) throws Exception {
        Path config = r.runnerTemp.resolve("docker");
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/docker", "login", "--username", AuthRegistry.USER, "--password-stdin",
                registry.address()).redirectErrorStream(true);
        pb.environment().putAll(Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_HOST", engine.host()));
        Process login = pb.start();
        login.getOutputStream().write(password.getBytes(StandardCharsets.UTF_8));
        login.getOutputStream().close();
        String said = new String(login.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(login.waitFor()).as(said).isZero();
        return Map.of("DOCKER_CONFIG", config.toString());
    }

    @Test
    void threePlatformsBuiltAndPushedThroughTheDockerDriverPassAndArePromotedThenTheirPrivateDigestIsGatedAndMerged() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String repo = registry.address() + "/acme/app";
        HostedRunner r = runner("good-static");
        Map<String, String> login = loginAction(r, AuthRegistry.PASSWORD);

        HostedRunner.Step built = r.run(Map.of("context", "src", "file", "good-static/Dockerfile", "platforms", PLATFORMS,
                "push", "true", "tags", repo + ":candidate-" + id, "promote", repo + ":edge-" + id, "smoke-command", "/app --version",
                "expect-stdout", "^app "), env(r, login));

        assertThat(built.status()).as(built.log()).isZero();
        assertThat(built.log()).doesNotContain("not supported for the docker driver").contains("::stop-commands::");
        assertThat(built.outputs()).containsEntry("result", "pass").containsEntry("report-dir", "archgate-report");
        String digest = built.outputs().get("digest");
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(built.log()).contains("promoted " + repo + "@" + digest + " to " + repo + ":edge-" + id);

        removeRegistryImages();
        HostedRunner.Step gated = r.run(Map.of("image", repo + "@" + digest, "platforms", PLATFORMS, "smoke-command", "/app --version",
                "report-dir", "gated"), env(r, login));
        assertThat(gated.status()).as(gated.log()).isZero();
        assertThat(gated.log()).doesNotContain("engine.failed");

        HostedRunner.Step merged = r.run(Map.of("merge-reports", "archgate-report\ngated", "platforms", PLATFORMS,
                "promote", repo + ":release-" + id, "report-dir", "merged"), env(r, login));
        assertThat(merged.status()).as(merged.log()).isZero();
        assertThat(merged.outputs()).containsEntry("result", "pass").containsEntry("digest", digest);
        assertOwnedByTheWorkspaceOwner(r);
    }

    @Test
    void aPrivateImageIsGatedWithTheInputsLoginAndAWrongPasswordIsOneSentenceAndWrittenNowhere() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String repo = registry.address() + "/acme/private";
        HostedRunner r = runner("good-static");
        Map<String, String> inputsLogin = Map.of("registry", registry.address(), "username", AuthRegistry.USER);
        Map<String, String> with = new HashMap<>(Map.of("context", "src", "file", "good-static/Dockerfile", "platforms",
                "linux/amd64,linux/arm64", "push", "true", "tags", repo + ":" + id));
        with.putAll(inputsLogin);
        with.put("password", AuthRegistry.PASSWORD);
        HostedRunner.Step built = r.run(with, env(r, Map.of()));
        assertThat(built.status()).as(built.log()).isZero();

        removeRegistryImages();
        String wrong = "wrong-" + UUID.randomUUID();
        Map<String, String> gate = new HashMap<>(Map.of("image", repo + "@" + built.outputs().get("digest"), "platforms",
                "linux/amd64,linux/arm64"));
        gate.putAll(inputsLogin);
        gate.put("password", wrong);
        HostedRunner.Step refused = r.run(gate, env(r, Map.of()));
        assertThat(refused.status()).as(refused.log()).isEqualTo(2);
        assertThat(refused.log()).contains("::error title=archgate::").contains(registry.address()).doesNotContain("Exception");
        assertThat(refused.outputs()).containsEntry("result", "error").containsEntry("exit-code", "2");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f, StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(wrong);
            }
        }
        assertThat(refused.log().replace("::add-mask::" + wrong, "")).doesNotContain(wrong);
    }

    @Test
    void aBrokenImageFailsWithTheAnnotationAtItsDockerfileLine() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        HostedRunner r = runner("broken-goarch");
        HostedRunner.Step step = r.run(Map.of("context", "src", "file", "broken-goarch/Dockerfile", "platforms", "linux/amd64,linux/arm64",
                "push", "true", "tags", registry.address() + "/acme/broken:" + id, "smoke-command", "/app --version"),
                env(r, loginAction(r, AuthRegistry.PASSWORD)));

        assertThat(step.status()).as(step.log()).isEqualTo(1);
        assertThat(step.outputs()).containsEntry("result", "fail").containsEntry("failed-platforms", "linux/arm64");
        assertThat(step.log()).contains("::error file=broken-goarch/Dockerfile,line=7,title=dockerfile.hardcoded-arch::");
    }

    /**
     * The smoke run of a private image pulls it with the login the registry/username/password inputs give (through the
     * action's credential helper, which the engine pull reads as RegistryCredentials). One platform, so that the build
     * and push work on the docker driver whatever the engine's image store: what is proven is the smoke run's pull.
     */
    @Test
    void aPrivateImageIsSmokeTestedThroughTheInputsLogin() throws Exception {
        String repo = registry.address() + "/acme/inputs";
        HostedRunner r = runner("good-static");
        Map<String, String> login = Map.of("registry", registry.address(), "username", AuthRegistry.USER, "password", AuthRegistry.PASSWORD);
        Map<String, String> build = new HashMap<>(Map.of("context", "src", "file", "good-static/Dockerfile", "platforms", "linux/amd64",
                "push", "true", "tags", repo + ":" + UUID.randomUUID().toString().substring(0, 8)));
        build.putAll(login);
        HostedRunner.Step built = r.run(build, env(r, Map.of()));
        assertThat(built.status()).as(built.log()).isZero();

        removeRegistryImages();
        Map<String, String> gate = new HashMap<>(Map.of("image", repo + "@" + built.outputs().get("digest"), "platforms", "linux/amd64",
                "smoke-command", "/app --version", "expect-stdout", "^app "));
        gate.putAll(login);
        HostedRunner.Step gated = r.run(gate, env(r, Map.of()));
        assertThat(gated.status()).as(gated.log()).isZero();
        assertThat(gated.outputs()).containsEntry("result", "pass");
        assertThat(gated.log()).doesNotContain("engine.failed");
    }

    /**
     * examples/github/build-and-gate.yml's archgate step, its with: as the runner hands it over on a push to main (the
     * workflow's expressions evaluated with this registry in place of ghcr.io), in a checkout whose Dockerfile is
     * good-static's, with the job env its first step writes to GITHUB_ENV and the login its login-action step writes;
     * then gate-pushed-image.yml's gate job on the digest that build pushed, its build job's outputs being that digest.
     */
    @Test
    void theBuildAndGateExampleRunsAsWrittenAndTheGatePushedImageExampleGatesItsDigest() throws Exception {
        Path examples = Fixtures.repositoryRoot().resolve("examples/github");
        String sha = UUID.randomUUID().toString().replace("-", "") + "01234567";
        String image = registry.address() + "/acme/example";
        HostedRunner r = checkout("good-static");
        Map<String, String> jobEnv = new HashMap<>(loginAction(r, AuthRegistry.PASSWORD));
        jobEnv.put("IMAGE", image);

        Map<String, String> with = ExampleWorkflow.read(examples.resolve("build-and-gate.yml")).archgateInputs("gate", 0, Map.of(
                "github.event_name != 'pull_request'", "true", "env.IMAGE", image, "github.sha", sha,
                "github.event_name != 'pull_request' && format('{0}:edge', env.IMAGE) || ''", image + ":edge"));
        HostedRunner.Step built = r.run(with, env(r, jobEnv));

        assertThat(built.status()).as(built.log()).isZero();
        assertThat(built.outputs()).containsEntry("result", "pass").containsEntry("report-dir", "archgate-report");
        String digest = built.outputs().get("digest");
        assertThat(built.log()).contains("promoted " + image + "@" + digest + " to " + image + ":edge");
        assertThat(r.workspace.resolve("archgate-report/report.json")).as("the path the example uploads").exists();

        removeRegistryImages();
        Map<String, String> gate = ExampleWorkflow.read(examples.resolve("gate-pushed-image.yml")).archgateInputs("gate", 0, Map.of(
                "needs.build.outputs.image", image, "needs.build.outputs.digest", digest));
        HostedRunner.Step gated = r.run(gate, env(r, Map.of("DOCKER_CONFIG", jobEnv.get("DOCKER_CONFIG"))));
        assertThat(gated.status()).as(gated.log()).isZero();
        assertThat(gated.outputs()).containsEntry("result", "pass").containsEntry("digest", digest)
                .containsEntry("report-dir", "archgate-report");
    }

    private static void assertOwnedByTheWorkspaceOwner(HostedRunner r) throws IOException {
        for (String reports : List.of("archgate-report", "gated", "merged")) {
            try (Stream<Path> files = Files.walk(r.workspace.resolve(reports))) {
                assertThat(files.toList()).allSatisfy(p -> assertThat(Files.getAttribute(p, "unix:uid")).as(p.toString())
                        .isEqualTo(HostedRunner.RUNNER_UID));
            }
        }
    }
}
