package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built action image (dev/build-action-image's 127.0.0.1:5000/archgate/action:dev, or
 * ARCHGATE_ACTION_IMAGE) started the way GitHub's runner starts a container action: --workdir
 * /github/workspace, the engine's socket, the workspace and /github/file_commands mounted from
 * host directories of other names, HOME=/github/home, GITHUB_* variables, hyphenated INPUT_*
 * names. Unlike on a runner, the container gets host networking: the registry here listens on the
 * host's loopback (127.0.0.1:5000), which a container reaches only through the host's network.
 */
@IntegrationTest
class ActionContractIT {
    private static final String IMAGE = System.getenv().getOrDefault("ARCHGATE_ACTION_IMAGE", "127.0.0.1:5000/archgate/action:dev");
    private static final String REPO = "127.0.0.1:5000/archgate/it/action";

    @TempDir
    Path host;

    /** What one step left behind. */
    record Step(int status, String log, Map<String, String> outputs, String summary, Set<String> smokeMounts, int smokeContainers) {}

    @Test
    void aHardCodedGoarchBuildFailsOnArm64WithTheAnnotationAtTheDockerfileLineAndNoReleaseTag() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Step step = run(workspaceWith("broken-goarch"), Map.of(
                "context", "src", "file", "broken-goarch/Dockerfile", "platforms", "linux/amd64,linux/arm64", "push", "true",
                "tags", REPO + ":broken-" + id, "promote", REPO + ":release-broken-" + id, "smoke-command", "/app --version"));

        assertThat(step.status()).as(step.log()).isEqualTo(1);
        assertThat(step.outputs()).containsEntry("result", "fail").containsEntry("exit-code", "1")
                .containsEntry("failed-platforms", "linux/arm64").containsEntry("report-dir", "archgate-report");
        assertThat(step.outputs().get("digest")).matches("sha256:[0-9a-f]{64}");
        assertThat(step.log()).contains("::error file=broken-goarch/Dockerfile,line=7,title=dockerfile.hardcoded-arch::");
        assertThat(step.log()).contains("::group::", "::endgroup::");
        assertThat(step.summary()).contains("linux/arm64", "elf.arch-mismatch", "Dockerfile:7");
        assertThat(Files.exists(host.resolve("workspace/archgate-report/report.json"))).isTrue();
        assertThat(tagExists("release-broken-" + id)).isFalse();
        assertNoBindMounts(step);
    }

    @Test
    void aGoodBuildPassesAndOnlyThenItsReleaseTagPointsAtTheTestedDigest() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        Step step = run(workspaceWith("good-static"), Map.of(
                "context", "src", "file", "good-static/Dockerfile", "platforms", "linux/amd64,linux/arm64", "push", "TRUE",
                "tags", REPO + ":good-" + id, "promote", REPO + ":release-good-" + id, "smoke-command", "/app --version",
                "expect-stdout", "^app ", "report-dir", "out/gate"));

        assertThat(step.status()).as(step.log()).isZero();
        assertThat(step.outputs()).containsEntry("result", "pass").containsEntry("exit-code", "0").containsEntry("failed-platforms", "")
                .containsEntry("report-dir", "out/gate");
        String digest = step.outputs().get("digest");
        assertThat(digest).matches("sha256:[0-9a-f]{64}");
        assertThat(step.summary()).contains("linux/amd64", "linux/arm64");
        assertThat(Files.exists(host.resolve("workspace/out/gate/junit.xml"))).isTrue();
        assertThat(tagExists("release-good-" + id)).isTrue();
        assertThat(digestOf("release-good-" + id)).isEqualTo(digest);
        assertNoBindMounts(step);
    }

    @Test
    void anImageWhoseArm64VariantHoldsX8664CodeFailsExactlyThere() throws Exception {
        Step step = run(workspaceWith(), Map.of("image", "127.0.0.1:5000/archgate/fixtures/broken-goarch:latest",
                "platforms", "linux/amd64,linux/arm64"));

        assertThat(step.status()).as(step.log()).isEqualTo(1);
        assertThat(step.outputs()).containsEntry("result", "fail").containsEntry("failed-platforms", "linux/arm64");
        assertThat(step.outputs().get("digest")).matches("sha256:[0-9a-f]{64}");
        assertNoBindMounts(step);
    }

    @Test
    void bothVariantsOfTheImageCarryIgzipForTheAuditsGzipLayers() throws Exception {
        for (String platform : List.of("linux/amd64", "linux/arm64")) {
            Process p = new ProcessBuilder("docker", "run", "--rm", "--platform", platform, "--entrypoint", "igzip", IMAGE, "--version")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(platform + ": " + out).isZero();
            assertThat(out).as(platform).contains("igzip");
        }
    }

    /**
     * The image is also the command line: with arguments its entrypoint is archgate's CLI, beside the
     * engine through its socket (--version alone is the action's, the release gate's smoke test).
     */
    @Test
    void withArgumentsTheImageIsTheCommandLineAndGatesTheFixturesAsTheCheckoutDoes() throws Exception {
        String version = cli("--version");
        assertThat(version).matches("archgate-action \\S+\n");
        String help = cli("help");
        assertThat(help).startsWith("exit 0\n").contains("gate", "audit", "merge");
        String good = cli("gate", "--image", "127.0.0.1:5000/archgate/fixtures/good-static:latest", "--platforms", "linux/amd64,linux/arm64");
        assertThat(good).startsWith("exit 0\n").contains("PASS");
        String broken = cli("gate", "--image", "127.0.0.1:5000/archgate/fixtures/broken-goarch:latest", "--platforms", "linux/amd64,linux/arm64");
        assertThat(broken).startsWith("exit 1\n").containsPattern("linux/arm64 +FAIL").contains("elf.arch-mismatch");
    }

    /** {@code docker run --rm -v SOCKET IMAGE ARGS}: the version's output alone, else "exit N" and the output. */
    private static String cli(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "host", "-v", "/var/run/docker.sock:/var/run/docker.sock", IMAGE));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(10, TimeUnit.MINUTES)).as("docker run ended").isTrue();
        if (args[0].equals("--version")) {
            assertThat(p.exitValue()).as(out).isZero();
            return out;
        }
        return "exit " + p.exitValue() + "\n" + out;
    }

    @Test
    void badInputIsOneErrorLineAndStatusTwo() throws Exception {
        Step step = run(workspaceWith(), Map.of("image", "127.0.0.1:5000/archgate/fixtures/good-static:latest", "platforms", "linux/sparc"));

        assertThat(step.status()).isEqualTo(2);
        assertThat(step.log()).contains("::error title=archgate::unknown platform 'linux/sparc'").doesNotContain("Exception");
        assertThat(step.outputs()).containsEntry("result", "error").containsEntry("exit-code", "2");
    }

    private static void assertNoBindMounts(Step step) {
        assertThat(step.smokeContainers()).as("smoke containers seen while the step ran").isPositive();
        assertThat(step.smokeMounts()).as("mounts of the smoke containers the action created").isEmpty();
    }

    /** A workspace on the host (its path is not /github/workspace) with the Go sources and the named fixtures' Dockerfiles. */
    private Path workspaceWith(String... fixtures) throws IOException {
        Path ws = Files.createDirectories(host.resolve("workspace"));
        Path fixturesDir = Fixtures.repositoryRoot().resolve("test-fixtures");
        copy(fixturesDir.resolve("src"), ws.resolve("src"));
        for (String f : fixtures) {
            Files.createDirectories(ws.resolve(f));
            Files.copy(fixturesDir.resolve(f).resolve("Dockerfile"), ws.resolve(f).resolve("Dockerfile"));
        }
        return ws;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private Step run(Path workspace, Map<String, String> inputs) throws Exception {
        Path commands = Files.createDirectories(host.resolve("file_commands"));
        Path home = Files.createDirectories(host.resolve("home"));
        Path output = Files.writeString(commands.resolve("set_output_" + UUID.randomUUID()), "");
        Path summary = Files.writeString(commands.resolve("step_summary_" + UUID.randomUUID()), "");
        String name = "archgate-action-it-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> cmd = new ArrayList<>(List.of("docker", "run", "--name", name, "--rm", "--workdir", "/github/workspace",
                "--network", "host",
                "-v", "/var/run/docker.sock:/var/run/docker.sock",
                "-v", workspace + ":/github/workspace",
                "-v", commands + ":/github/file_commands",
                "-v", home + ":/github/home",
                "-e", "HOME=/github/home", "-e", "GITHUB_ACTIONS=true", "-e", "CI=true",
                "-e", "GITHUB_WORKSPACE=/github/workspace",
                "-e", "GITHUB_OUTPUT=/github/file_commands/" + output.getFileName(),
                "-e", "GITHUB_STEP_SUMMARY=/github/file_commands/" + summary.getFileName()));
        // The runner passes every declared input, empty when not given.
        for (String input : List.of("config", "image", "context", "file", "platforms", "tags", "push", "build-args", "promote",
                "smoke-command", "smoke-mode", "expect-exit", "expect-stdout", "timeout", "strict-emulation", "install-emulation",
                "report-dir", "registry", "username", "password")) {
            cmd.addAll(List.of("-e", Inputs.variable(input) + "=" + inputs.getOrDefault(input, "")));
        }
        cmd.add(IMAGE);
        MountWatch watch = new MountWatch();
        watch.start();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        boolean done = p.waitFor(15, TimeUnit.MINUTES);
        watch.interrupt();
        watch.join();
        assertThat(done).as("the action ended").isTrue();
        return new Step(p.exitValue(), log, parseOutputs(Files.readString(output)), Files.readString(summary), watch.mounts.keySet(),
                watch.seen.size());
    }

    /**
     * Inspects every smoke container archgate creates while a step runs (they carry archgate's
     * label; containers of other runs on this shared host too, which holds them to the same rule)
     * and records any mount at all.
     */
    private static final class MountWatch extends Thread {
        final Map<String, Boolean> mounts = new ConcurrentHashMap<>();
        final Set<String> seen = ConcurrentHashMap.newKeySet();

        @Override
        public void run() {
            while (!isInterrupted()) {
                try {
                    for (String line : exec("docker", "ps", "-q", "--no-trunc", "--filter", "label=dev.archgate=1").lines().toList()) {
                        if (seen.add(line)) {
                            String m = exec("docker", "inspect", "--format", "{{json .HostConfig.Binds}} {{len .Mounts}}", line).trim();
                            if (!m.isEmpty() && !m.equals("null 0")) {
                                mounts.put(line + " " + m, true);
                            }
                        }
                    }
                    Thread.sleep(50);
                } catch (InterruptedException e) {
                    return;
                } catch (IOException e) {
                    // a container gone between listing and inspection
                }
            }
        }
    }

    private static String exec(String... cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor();
        return out;
    }

    /** GITHUB_OUTPUT as the runner reads it: name=value lines and name<<DELIM blocks. */
    static Map<String, String> parseOutputs(String text) {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            int heredoc = l.indexOf("<<");
            int eq = l.indexOf('=');
            if (heredoc > 0 && (eq < 0 || heredoc < eq)) {
                String delim = l.substring(heredoc + 2);
                StringBuilder v = new StringBuilder();
                for (i++; !lines.get(i).equals(delim); i++) {
                    v.append(v.isEmpty() ? "" : "\n").append(lines.get(i));
                }
                out.put(l.substring(0, heredoc), v.toString());
            } else if (eq > 0) {
                out.put(l.substring(0, eq), l.substring(eq + 1));
            }
        }
        return out;
    }

    private static boolean tagExists(String tag) throws Exception {
        return manifest(tag).statusCode() == 200;
    }

    private static String digestOf(String tag) throws Exception {
        return manifest(tag).headers().firstValue("Docker-Content-Digest").orElseThrow();
    }

    private static HttpResponse<Void> manifest(String tag) throws Exception {
        HttpRequest head = HttpRequest.newBuilder(URI.create("http://127.0.0.1:5000/v2/archgate/it/action/manifests/" + tag))
                .method("HEAD", HttpRequest.BodyPublishers.noBody())
                .header("Accept", "application/vnd.oci.image.index.v1+json, application/vnd.docker.distribution.manifest.list.v2+json")
                .build();
        return HttpClient.newHttpClient().send(head, HttpResponse.BodyHandlers.discarding());
    }
}
