package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/archgate's class-data-sharing archive: short runs record nothing worth archiving, a real
 * audit does, the next run has the archive made in the background, and later runs map picocli's
 * classes (Java 5 class files, which only a static archive holds) from it. A damaged archive
 * costs speed, never the run.
 */
@IntegrationTest
class LauncherArchiveIT {
    private static final Path LAUNCHER = Fixtures.repositoryRoot().resolve("bin/archgate");

    private record Run(int status, String out) {}

    private static Run launch(Path cds, Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList()).redirectErrorStream(true);
        pb.environment().put("ARCHGATE_CDS_DIR", cds.toString());
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static List<Path> archives(Path cds) throws IOException {
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jsa")).toList();
        }
    }

    @Test
    void aRealRunLeadsToAnArchiveThatLaterRunsMapAndADamagedOneIsIgnored(@TempDir Path cds) throws Exception {
        assertThat(launch(cds, Map.of(), "--version").status()).isZero();
        assertThat(launch(cds, Map.of(), "--version").status()).isZero();
        assertThat(archives(cds)).as("two --version runs load too few classes to be worth an archive").isEmpty();
        assertThat(cds.resolve("making")).doesNotExist();

        Run audit = launch(cds, Map.of(), "audit", Fixtures.named("good-static").image(), "--platforms", "linux/arm64");
        assertThat(audit.status()).as(audit.out()).isZero();
        assertThat(launch(cds, Map.of(), "--version").status()).isZero(); // finds enough recorded: starts the maker
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (archives(cds).isEmpty() && System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cds)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("the archive could not be made").noneMatch(n -> n.startsWith("failed-"));
            }
            Thread.sleep(500);
        }
        assertThat(archives(cds)).hasSize(1);

        Run mapped = launch(cds, Map.of("ARCHGATE_JAVA_OPTS", "-Xlog:class+load"), "--version");
        assertThat(mapped.status()).isZero();
        assertThat(mapped.out()).contains("archgate ").containsPattern("picocli\\.CommandLine source: shared objects file")
                .containsPattern("dev\\.archgate\\.cli\\.ArchgateCommand source: shared objects file");

        Path archive = archives(cds).get(0);
        archive.toFile().setWritable(true);
        Files.write(archive, new byte[64 * 1024]);
        Run damaged = launch(cds, Map.of("ARCHGATE_JAVA_OPTS", "-Xlog:class+load"), "--version");
        assertThat(damaged.status()).as(damaged.out()).isZero();
        assertThat(damaged.out()).contains("archgate ").containsPattern("picocli\\.CommandLine source: (file|jar)");
    }

    @Test
    void anEmptyDirectoryNameTurnsTheArchiveOff() throws Exception {
        ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "--version").redirectErrorStream(true);
        pb.environment().put("ARCHGATE_CDS_DIR", "");
        pb.environment().put("ARCHGATE_JAVA_OPTS", "-Xlog:class+load");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).isZero();
        assertThat(out).containsPattern("picocli\\.CommandLine source: (file|jar)");
    }
}
