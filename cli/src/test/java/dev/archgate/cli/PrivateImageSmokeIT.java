package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.ProbeProgram;
import dev.archgate.platform.Platform;
import dev.archgate.testing.AuthRegistry;
import dev.archgate.testing.ClassicEngine;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.OciImage;
import dev.archgate.testing.TarLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An image in a registry that demands a login (Debian's docker-registry with htpasswd auth) is
 * smoke-tested through an engine that has never seen it, with a docker config whose only login
 * source is a credentials store (credsStore), as the action's image and docker-credential-*
 * users have it. The engine's pull must carry the login the store gives (docker-java's config
 * reader takes only auths, so without it the pull is refused); a store that gives a wrong password
 * ends in one sentence naming the registry, never the engine's JSON. Sources of truth: the real
 * registry's 401s, the real engine (the classic-store engine of dev/setup-host, empty of this
 * image) and docker/cli's credential-helper protocol (cli/config/credentials: "get" with the
 * server on standard input, a JSON answer with Username and Secret).
 */
@IntegrationTest
class PrivateImageSmokeIT {
    @Test
    void aPrivateImageIsPulledWithTheCredsStoreLoginAndARefusalIsOneSentence(@TempDir Path dir) throws Exception {
        ClassicEngine engine = ClassicEngine.shared();
        try (AuthRegistry registry = AuthRegistry.start(Files.createDirectories(dir.resolve("registry")), 5083)) {
            String digest = OciImage.linux("amd64").entrypoint("/app")
                    .layer(new TarLayer().file("app", 0755, ProbeProgram.elf(Platform.parse("linux/amd64"))).bytes())
                    .push(registry.address(), "team/private-app", "1", AuthRegistry.USER + ":" + AuthRegistry.PASSWORD);
            String ref = registry.address() + "/team/private-app@" + digest;

            CliProcess right = gate(dir, "right", ref, engine, AuthRegistry.PASSWORD);
            assertThat(right.status()).as(right.out() + right.err()).isZero();

            CliProcess wrong = gate(dir, "wrong", ref, engine, "wrong-secret-51c3");
            String all = wrong.out() + wrong.err();
            assertThat(wrong.status()).as(all).isIn(2, 3);
            assertThat(all).doesNotContain("wrong-secret-51c3").doesNotContain("{\"message\"").doesNotContain("Exception");
            assertThat(all).contains(registry.address()).containsAnyOf("docker login " + registry.address(), "log in to " + registry.address());
        } finally {
            Process rm = engine.docker("image", "ls", "-q", "--filter", "reference=127.0.0.1:5083/team/private-app");
            for (String id : new String(rm.getInputStream().readAllBytes()).lines().distinct().toList()) {
                engine.docker("image", "rm", "-f", id).waitFor();
            }
        }
    }

    /** One gate with DOCKER_CONFIG holding only {"credsStore":"archgate-it"} and that helper on PATH answering the given password. */
    private static CliProcess gate(Path dir, String name, String ref, ClassicEngine engine, String password) throws Exception {
        Path config = Files.createDirectories(dir.resolve("docker-" + name));
        Files.writeString(config.resolve("config.json"), "{\"credsStore\":\"archgate-it\"}\n");
        Path bin = Files.createDirectories(dir.resolve("bin-" + name));
        Path helper = bin.resolve("docker-credential-archgate-it");
        Files.writeString(helper, String.join("\n", "#!/bin/sh",
                "[ \"$1\" = get ] || exit 1",
                "read server",
                "echo \"{\\\"ServerURL\\\":\\\"$server\\\",\\\"Username\\\":\\\"" + AuthRegistry.USER + "\\\",\\\"Secret\\\":\\\"" + password + "\\\"}\"", ""));
        Files.setPosixFilePermissions(helper, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path runDir = Files.createDirectories(dir.resolve("run-" + name));
        return CliProcess.run(runDir, "512m", Duration.ofMinutes(5), Map.of("DOCKER_CONFIG", config.toString(), "DOCKER_HOST", engine.host(),
                "PATH", bin + ":" + System.getenv("PATH")), "gate", "--image", ref, "--platforms", "linux/amd64", "--report-dir",
                runDir.resolve("report").toString());
    }
}
