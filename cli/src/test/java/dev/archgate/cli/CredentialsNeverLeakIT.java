package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.ProbeProgram;
import dev.archgate.platform.Platform;
import dev.archgate.testing.AuthRegistry;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.OciImage;
import dev.archgate.testing.TarLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Registry credentials never reach a user's eyes: audit, smoke and gate run against a real
 * htpasswd registry with the login in DOCKER_CONFIG (the right one, and a wrong one, whose
 * failure path is where a leak would hide), and every line they print and every report file they
 * write is searched for the password, in clear and inside the encoded login.
 */
@IntegrationTest
class CredentialsNeverLeakIT {
    private static final String WRONG = "wrong-secret-4f9a2c";

    private static String auth(String user, String password) {
        return Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static Path dockerConfig(Path dir, String registry, String password) throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth(AuthRegistry.USER, password)
                + "\"}}}");
        return dir;
    }

    @Test
    void noOutputOrReportHoldsThePassword(@TempDir Path dir) throws Exception {
        try (AuthRegistry registry = AuthRegistry.start(Files.createDirectories(dir.resolve("registry")), 5074)) {
            String ref = registry.address() + "/team/secret-app:1";
            OciImage.linux("amd64").entrypoint("/app").layer(new TarLayer().file("app", 0755, ProbeProgram.elf(Platform.parse("linux/amd64")))
                    .bytes()).push(registry.address(), "team/secret-app", "1", AuthRegistry.USER + ":" + AuthRegistry.PASSWORD);
            Path good = dockerConfig(dir.resolve("docker-good"), registry.address(), AuthRegistry.PASSWORD);
            Path wrong = dockerConfig(dir.resolve("docker-wrong"), registry.address(), WRONG);

            List<String> secrets = List.of(AuthRegistry.PASSWORD, auth(AuthRegistry.USER, AuthRegistry.PASSWORD), WRONG,
                    auth(AuthRegistry.USER, WRONG));
            List<String> runs = new ArrayList<>();
            int n = 0;
            for (Path config : List.of(good, wrong)) {
                for (List<String> args : List.of(
                        List.of("audit", ref, "--platforms", "linux/amd64", "--format", "json"),
                        List.of("smoke", ref, "--platforms", "linux/amd64", "--", "/app"),
                        List.of("gate", "--image", ref, "--platforms", "linux/amd64"))) {
                    Path runDir = Files.createDirectories(dir.resolve("run-" + n++));
                    List<String> withReports = new ArrayList<>(args);
                    withReports.addAll(1, List.of("--report-dir", runDir.resolve("report").toString()));
                    CliProcess run = CliProcess.run(runDir, "512m", Duration.ofMinutes(5), Map.of("DOCKER_CONFIG", config.toString()),
                            withReports.toArray(String[]::new));
                    runs.add(args.get(0) + " with the " + (config == good ? "right" : "wrong") + " login: exit " + run.status() + ": "
                            + (run.err().isBlank() ? run.out() : run.err()).strip().replace('\n', ' '));
                    List<String> texts = new ArrayList<>(List.of(run.out(), run.err()));
                    try (Stream<Path> files = Files.walk(runDir)) {
                        for (Path f : files.filter(Files::isRegularFile).toList()) {
                            texts.add(Files.readString(f, StandardCharsets.ISO_8859_1));
                        }
                    }
                    for (String text : texts) {
                        for (String secret : secrets) {
                            assertThat(text).as(String.join(" ", args)).doesNotContain(secret);
                        }
                    }
                    if (config == good && args.get(0).equals("audit")) {
                        assertThat(run.status()).as("the right login reads the image: " + run.err()).isZero();
                    }
                    if (config == wrong) {
                        assertThat(run.status()).as(run.err()).isEqualTo(2);
                        assertThat(run.err()).contains("refused access to team/secret-app (HTTP 401)");
                    }
                }
            }
            runs.forEach(r -> System.out.println("credentials " + r));
        } finally {
            // The smoke runs pulled it into the engine: removed, so reruns (new digests) leave nothing behind.
            // It is pinned by digest, so it is found by repository.
            new ProcessBuilder("sh", "-c", "docker image ls -q --filter reference=127.0.0.1:5074/team/secret-app | sort -u"
                    + " | xargs -r docker image rm -f").redirectErrorStream(true).start().waitFor();
        }
    }
}
