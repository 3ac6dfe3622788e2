package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.AuthRegistry;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a user sees when the registry refuses, is not there, or serves a corrupt layer. */
@IntegrationTest
class RegistryFaultsIT {
    private static final List<Platform> AMD64 = List.of(Platform.parse("linux/amd64"));

    private static void audit(String ref) throws InterruptedException {
        Gate.audit(HOST, SpecDraft.empty().withImage(ref).withPlatforms(AMD64).toSpec(), GateListener.SILENT);
    }

    @Test
    void aRegistryThatAnswers401IsAUsageErrorNamingTheLogin(@TempDir Path dir) throws Exception {
        try (AuthRegistry registry = AuthRegistry.start(dir, 5055)) {
            assertThatThrownBy(() -> audit(registry.address() + "/team/app:1")).isInstanceOf(ArchgateException.class)
                    .hasMessage("registry " + registry.address() + " asks for credentials and none are configured: run 'docker login "
                            + registry.address() + "'")
                    .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);
        }
    }

    @Test
    void anUnreachableRegistryIsAnEnvironmentError() {
        assertThatThrownBy(() -> audit("127.0.0.1:5998/team/app:1")).isInstanceOf(ArchgateException.class)
                .hasMessageStartingWith("registry 127.0.0.1:5998 is unreachable")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
    }

    @Test
    void aLayerWhoseBytesDoNotMatchItsDigestIsReportedAsCorrupt(@TempDir Path dir) throws Exception {
        Path layout = dir.resolve("layout");
        Process p = new ProcessBuilder("docker", "buildx", "build", "--platform", "linux/amd64", "-f", "test-fixtures/good-static/Dockerfile",
                "--output", "type=oci,tar=false,dest=" + layout, "test-fixtures/src")
                .directory(Fixtures.repositoryRoot().toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(5, TimeUnit.MINUTES) && p.exitValue() == 0).as(log).isTrue();
        Path biggest;
        try (Stream<Path> blobs = Files.list(layout.resolve("blobs/sha256"))) {
            biggest = blobs.max((a, b) -> Long.compare(a.toFile().length(), b.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(biggest);
        bytes[bytes.length / 2] ^= 0x55; // one flipped byte in the middle of the layer
        Files.write(biggest, bytes);

        assertThatThrownBy(() -> audit("oci:" + layout)).isInstanceOf(ArchgateException.class)
                .hasMessageContaining("layer sha256:" + biggest.getFileName()).hasMessageContaining("corrupt");
    }
}
