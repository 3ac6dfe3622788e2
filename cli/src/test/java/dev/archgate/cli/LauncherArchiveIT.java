package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * bin/archgate's start-up cache, on each runtime it knows. On Java 17 a class-data-sharing
 * archive: short runs record nothing worth archiving, a real audit does, the next run has the
 * archive made in the background, and later runs map picocli's classes (Java 5 class files, which
 * only a static archive holds) from it. On a JDK 25 (this machine's, under /usr/lib/jvm) an
 * ahead-of-time cache: the first gate or smoke run is the training run, the next run has the cache
 * made in the background, and later runs load archgate's classes from it. A damaged archive or
 * cache costs speed, never the run. The source of truth is the JVM's own class-loading log.
 */
@IntegrationTest
class LauncherArchiveIT {
    private static final Path LAUNCHER = Fixtures.repositoryRoot().resolve("bin/archgate");
    /** The Java 17 the tests run on. */
    private static final String JAVA_17 = ProcessHandle.current().info().command().orElseThrow();

    private record Run(int status, String out) {}

    private static Run launch(Path cds, String java, Map<String, String> env, String... args) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()), Stream.of(args)).toList()).redirectErrorStream(true);
        pb.environment().put("ARCHGATE_CDS_DIR", cds.toString());
        pb.environment().put("ARCHGATE_JAVA", java);
        pb.environment().putAll(env);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).as(String.join(" ", args)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static List<Path> files(Path cds, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(cds)) {
            return files.filter(f -> f.getFileName().toString().endsWith(suffix)).toList();
        }
    }

    private static void awaitMade(Path cds, String suffix) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
        while (files(cds, suffix).isEmpty() && System.nanoTime() < deadline) {
            try (Stream<Path> files = Files.list(cds)) {
                assertThat(files.map(f -> f.getFileName().toString())).as("the cache could not be made").noneMatch(n -> n.startsWith("failed-"));
            }
            Thread.sleep(500);
        }
        assertThat(files(cds, suffix)).hasSize(1);
    }

    /** A JDK 25 or newer installed under /usr/lib/jvm, as bin/archgate looks for one; the test fails without. */
    private static String jdk25() throws IOException {
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (Files.isRegularFile(release) && Files.readString(release).matches("(?s).*\nJAVA_VERSION=\"(2[5-9]|[3-9][0-9]).*")) {
                    return home.resolve("bin/java").toString();
                }
            }
        }
        throw new AssertionError("no JDK 25 or newer under /usr/lib/jvm: these machines have one (ENVIRONMENT.md)");
    }

    @Test
    void onJava17ARealRunLeadsToAnArchiveThatLaterRunsMapAndADamagedOneIsIgnored(@TempDir Path cds) throws Exception {
        assertThat(launch(cds, JAVA_17, Map.of(), "--version").status()).isZero();
        assertThat(launch(cds, JAVA_17, Map.of(), "--version").status()).isZero();
        assertThat(files(cds, ".jsa")).as("two --version runs load too few classes to be worth an archive").isEmpty();
        assertThat(cds.resolve("making")).doesNotExist();

        Run audit = launch(cds, JAVA_17, Map.of(), "audit", Fixtures.named("good-static").image(), "--platforms", "linux/arm64");
        assertThat(audit.status()).as(audit.out()).isZero();
        assertThat(launch(cds, JAVA_17, Map.of(), "--version").status()).isZero(); // finds enough recorded: starts the maker
        awaitMade(cds, ".jsa");

        // A usage error: picocli builds its model, from the archive.
        Run mapped = launch(cds, JAVA_17, Map.of("ARCHGATE_JAVA_OPTS", "-Xlog:class+load"), "nosuch");
        assertThat(mapped.status()).as(mapped.out()).isEqualTo(ArchgateCommand.EXIT_USAGE);
        assertThat(mapped.out()).containsPattern("picocli\\.CommandLine source: shared objects file")
                .containsPattern("dev\\.archgate\\.cli\\.ArchgateCommand source: shared objects file");

        Path archive = files(cds, ".jsa").get(0);
        archive.toFile().setWritable(true);
        Files.write(archive, new byte[64 * 1024]);
        Run damaged = launch(cds, JAVA_17, Map.of("ARCHGATE_JAVA_OPTS", "-Xlog:class+load"), "nosuch");
        assertThat(damaged.status()).as(damaged.out()).isEqualTo(ArchgateCommand.EXIT_USAGE);
        assertThat(damaged.out()).containsPattern("picocli\\.CommandLine source: (file|jar)");
    }

    @Test
    void onJdk25TheFirstRealRunTrainsACacheThatLaterRunsLoadFromAndADamagedOneIsIgnored(@TempDir Path cds) throws Exception {
        String java = jdk25();
        assertThat(launch(cds, java, Map.of(), "--version").status()).isZero();
        assertThat(files(cds, ".aotconf")).as("--version is no training run").isEmpty();

        Run audit = launch(cds, java, Map.of(), "audit", Fixtures.named("good-static").image(), "--platforms", "linux/arm64");
        assertThat(audit.status()).as(audit.out()).isZero();
        assertThat(files(cds, ".aotconf")).as("an audit is no training run").isEmpty();
        Run smoke = launch(cds, java, Map.of(), "smoke", Fixtures.named("good-static").image(), "--platforms", "linux/arm64", "--", "/app",
                "--version");
        assertThat(smoke.status()).as(smoke.out()).isZero();
        assertThat(smoke.out()).as("the training run's output is the command's alone").doesNotContain("AOT").doesNotContain("[warning]");
        assertThat(files(cds, ".aotconf")).as("the smoke run recorded its training").hasSize(1);
        assertThat(launch(cds, java, Map.of(), "--version").status()).isZero(); // finds the training: starts the maker
        awaitMade(cds, ".aot");

        Map<String, String> log = new HashMap<>(Map.of("ARCHGATE_JAVA_OPTS", "-Xlog:class+load"));
        Run mapped = launch(cds, java, log, "nosuch");
        assertThat(mapped.status()).as(mapped.out()).isEqualTo(ArchgateCommand.EXIT_USAGE);
        assertThat(mapped.out()).containsPattern("dev\\.archgate\\.cli\\.ArchgateCommand source: shared objects file");

        Path cache = files(cds, ".aot").get(0);
        cache.toFile().setWritable(true);
        Files.write(cache, new byte[64 * 1024]);
        Run damaged = launch(cds, java, log, "nosuch");
        assertThat(damaged.status()).as(damaged.out()).isEqualTo(ArchgateCommand.EXIT_USAGE);
        assertThat(damaged.out()).containsPattern("dev\\.archgate\\.cli\\.ArchgateCommand source: (file|jar)");
    }

    @Test
    void anEmptyDirectoryNameTurnsTheCacheOff() throws Exception {
        for (String java : List.of(JAVA_17, jdk25())) {
            ProcessBuilder pb = new ProcessBuilder(LAUNCHER.toString(), "nosuch").redirectErrorStream(true);
            pb.environment().put("ARCHGATE_CDS_DIR", "");
            pb.environment().put("ARCHGATE_JAVA", java);
            pb.environment().put("ARCHGATE_JAVA_OPTS", "-Xlog:class+load");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(p.exitValue()).as(java).isEqualTo(ArchgateCommand.EXIT_USAGE);
            assertThat(out).as(java).containsPattern("dev\\.archgate\\.cli\\.ArchgateCommand source: (file|jar)");
        }
    }
}
