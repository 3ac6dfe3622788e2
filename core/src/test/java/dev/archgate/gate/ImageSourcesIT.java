package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit reads the same verdict from every kind of source: OCI archive, OCI layout, the engine. */
@IntegrationTest
class ImageSourcesIT {
    private static final List<Platform> TWO = Platform.parseList("linux/amd64,linux/arm64");

    private static void buildx(String... output) throws Exception {
        Path root = Fixtures.repositoryRoot();
        List<String> command = new java.util.ArrayList<>(List.of("docker", "buildx", "build", "--platform", "linux/amd64,linux/arm64",
                "-f", "test-fixtures/broken-goarch/Dockerfile"));
        command.addAll(List.of(output));
        command.add("test-fixtures/src");
        Process p = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0).as(log).isTrue();
    }

    private static Report audit(String ref) throws InterruptedException {
        return Gate.audit(HOST, SpecDraft.empty().withImage(ref).withPlatforms(TWO).toSpec(), GateListener.SILENT);
    }

    private static void assertGoarchVerdicts(Report report) {
        assertThat(report.platforms()).extracting(p -> p.verdict()).containsExactly(Verdict.PASS, Verdict.FAIL);
        assertThat(report.platforms().get(1).findings()).anyMatch(f -> f.severity() == Severity.ERROR
                && f.check().id().equals("elf.arch-mismatch") && "/app".equals(f.path()));
    }

    @Test
    void anOciArchiveAndAnOciLayoutDirectoryFromBuildx(@TempDir Path dir) throws Exception {
        Path archive = dir.resolve("image.tar");
        buildx("--output", "type=oci,dest=" + archive);
        assertGoarchVerdicts(audit("oci-archive:" + archive));

        Path layout = dir.resolve("layout");
        buildx("--output", "type=oci,tar=false,dest=" + layout);
        assertGoarchVerdicts(audit("oci:" + layout));
    }

    @Test
    void anImageLoadedIntoTheEngine() throws Exception {
        String name = "archgate-it/engine:" + UUID.randomUUID().toString().substring(0, 8);
        buildx("--load", "-t", name);
        try {
            assertGoarchVerdicts(audit("docker-daemon:" + name));
        } finally {
            new ProcessBuilder("docker", "image", "rm", name).start().waitFor();
        }
    }

    @Test
    void sourcesThatDoNotExistGetOneSentence(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> audit("docker-daemon:archgate-it/never-built:1")).isInstanceOf(ArchgateException.class)
                .hasMessage("image archgate-it/never-built:1 is not in the local Docker Engine: build or pull it first, or name a registry image");
        Files.writeString(dir.resolve("junk.tar"), "not a tar");
        assertThatThrownBy(() -> audit("oci-archive:" + dir.resolve("junk.tar"))).isInstanceOf(ArchgateException.class)
                .hasMessageContaining("junk.tar");
        assertThatThrownBy(() -> audit("oci:" + dir)).isInstanceOf(ArchgateException.class)
                .hasMessageContaining("is not an OCI image layout");
    }
}
