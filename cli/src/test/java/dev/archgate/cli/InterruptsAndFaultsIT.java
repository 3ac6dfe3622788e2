package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.host.DockerClients;
import dev.archgate.smoke.Labels;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The exit contract at its edges, through the real command line: signals in the middle of a smoke
 * run, the engine dying under it, an emulator missing on the host, a disk that is full, and user
 * mistakes that must be found before any work starts.
 */
@IntegrationTest
class InterruptsAndFaultsIT {
    @ParameterizedTest(name = "SIG{0} -> {1}")
    @CsvSource({"TERM, 143", "INT, 130"})
    void aSignalDuringServiceSmokeRemovesTheContainersReportsInterruptedAndExitsWithTheSignalsStatus(String signal, int status,
                                                                                                     @TempDir Path reports) throws Exception {
        DockerClient docker = DockerClients.fromEnvironment(CliHost.environment());
        Process archgate = archgate(Map.of(), "smoke", Fixtures.named("good-service").image(), "--platforms", "linux/amd64,linux/arm64",
                "--service", "--ready", "120s", "--report-dir", reports.toString());
        String owner = ":" + archgate.pid();
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (containers(docker, owner) < 2 && archgate.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(containers(docker, owner)).as("both service containers up").isEqualTo(2);
            new ProcessBuilder("kill", "-" + signal, Long.toString(archgate.pid())).start().waitFor();
            assertThat(archgate.waitFor(3, TimeUnit.MINUTES)).isTrue();
        } finally {
            archgate.destroyForcibly();
        }
        String out = output(archgate);

        assertThat(archgate.exitValue()).as(out).isEqualTo(status);
        assertThat(containers(docker, owner)).isZero();
        assertThat(out).doesNotContain("No such container").doesNotContain("Status 404").doesNotContain("smoke.not-running")
                .doesNotContain("\tat ");
        JsonObject report = JsonParser.parseString(Files.readString(reports.resolve("report.json"))).getAsJsonObject();
        assertThat(report.get("verdict").getAsString()).isEqualTo("error");
        for (var p : report.getAsJsonArray("platforms")) {
            assertThat(p.getAsJsonObject().get("verdict").getAsString()).isEqualTo("error");
            assertThat(p.getAsJsonObject().get("reason").getAsString()).isEqualTo("interrupted");
            assertThat(p.getAsJsonObject().getAsJsonArray("smoke")).isEmpty();
        }
    }

    @Test
    void theEngineDyingWhileAServiceIsWaitedForIsAnEnvironmentErrorNeverAPass(@TempDir Path dir) throws Exception {
        // Catches: an engine error while waiting taken as "still running", so the service passed before its ready time.
        Path socket = dir.resolve("engine.sock");
        String image = Fixtures.named("good-service").image();
        String before = System.getProperty("DOCKER_HOST");
        try (DyingEngineProxy proxy = DyingEngineProxy.start(socket)) {
            System.setProperty("DOCKER_HOST", "unix://" + socket);
            Thread killer = new Thread(() -> {
                try {
                    DockerClient docker = DockerClients.fromEnvironment(CliHost.environment());
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                    while (containers(docker, ":" + ProcessHandle.current().pid()) < 1 && System.nanoTime() < deadline) {
                        Thread.sleep(100);
                    }
                    Thread.sleep(1000);
                    proxy.die();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            killer.start();
            CliRun run = CliRun.of("smoke", image, "--platforms", "linux/amd64", "--service", "--ready", "60s");
            killer.join();

            assertThat(run.status()).as(run.out() + run.err()).isEqualTo(3);
            assertThat(run.out()).contains("engine.failed").contains("the Docker Engine failed during the smoke run")
                    .contains("check that dockerd is running").doesNotContain("PASS");
        } finally {
            if (before == null) {
                System.clearProperty("DOCKER_HOST");
            } else {
                System.setProperty("DOCKER_HOST", before);
            }
            // The run could not remove its container through a dead engine; the live one removes it here.
            DockerClient docker = DockerClients.fromEnvironment(CliHost.environment());
            String owner = ":" + ProcessHandle.current().pid();
            docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.MARK, "1")).exec().stream()
                    .filter(c -> c.getLabels().getOrDefault(Labels.OWNER, "").endsWith(owner))
                    .forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
        }
    }

    @Test
    void aMissingQemuOnTheHostIsEmulationMissingWithTheFixNotAStackTrace() throws Exception {
        Process archgate = archgate(Map.of("ARCHGATE_QEMU_DIR", "/nonexistent/qemu"), "smoke", Fixtures.named("good-static").image(),
                "--platforms", "linux/arm64", "--", "/app", "--version");
        assertThat(archgate.waitFor(3, TimeUnit.MINUTES)).isTrue();
        String out = output(archgate);

        assertThat(archgate.exitValue()).as(out).isEqualTo(3);
        assertThat(out).contains("emulation.missing").contains("needs /nonexistent/qemu/qemu-aarch64-static")
                .contains("apt-get install qemu-user-static").doesNotContain("\tat ").doesNotContain("internal error");
    }

    @Test
    void aFullDiskIsAnEnvironmentError(@TempDir Path reports) throws Exception {
        Files.createSymbolicLink(reports.resolve("report.json"), Path.of("/dev/full")); // every write there fails with ENOSPC
        CliRun run = CliRun.of("audit", Fixtures.named("good-static").image(), "--platforms", "linux/amd64", "--report-dir",
                reports.toString());

        assertThat(run.status()).as(run.err()).isEqualTo(3);
        assertThat(run.err().strip()).startsWith("archgate: the disk is full").contains("free space there").doesNotContain("\tat ");
    }

    @Test
    void userMistakesAreFoundBeforeAnyWorkStarts(@TempDir Path dir) throws Exception {
        Path context = Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(context.resolve("Dockerfile"), "FROM 127.0.0.1:5000/archgate/bases/busybox:1\nRUN sleep 600\n");
        Path aFile = Files.writeString(dir.resolve("a-file"), "");

        CliRun unwritable = CliRun.of("gate", "--context", context.toString(), "--platforms", "linux/amd64", "--report-dir",
                aFile.resolve("reports").toString());
        CliRun unknownCheck = CliRun.of("gate", "--context", context.toString(), "--platforms", "linux/amd64", "--check", "elf.wrong=off");
        CliRun checkOff = CliRun.of("gate", "--context", context.toString(), "--platforms", "linux/amd64", "--check", "platform.missing=off");
        CliRun noDockerfile = CliRun.of("gate", "--context", dir.resolve("empty").toString(), "--platforms", "linux/amd64");

        for (CliRun run : List.of(unwritable, unknownCheck, checkOff, noDockerfile)) {
            assertThat(run.status()).as(run.err()).isEqualTo(2);
            assertThat(run.err()).as("nothing was built").doesNotContain("building").doesNotContain("\tat ");
        }
        assertThat(unwritable.err()).contains("cannot write the reports to " + aFile.resolve("reports")).contains("choose a writable --report-dir")
                .doesNotContain("Exception");
        assertThat(unknownCheck.err()).contains("unknown check 'elf.wrong'");
        assertThat(checkOff.err()).contains("cannot be off").contains("remove a platform you do not require from platforms");
        assertThat(noDockerfile.err()).contains("Dockerfile");
    }

    private static final Map<Process, Path> OUTPUTS = new java.util.concurrent.ConcurrentHashMap<>();

    /** What the process wrote to stdout and stderr, interleaved. */
    private static String output(Process p) throws IOException {
        return Files.readString(OUTPUTS.get(p));
    }

    /** The CLI as its own process, on this test's class path. */
    private static Process archgate(Map<String, String> env, String... args) throws IOException {
        // A shell starts background jobs with SIGINT ignored, children inherit that, and a JVM leaves an
        // ignored signal alone: perl (Debian's essential perl-base) restores the default dispositions and
        // execs the JVM in its place (same pid), so the signals reach archgate however this test was started.
        List<String> cmd = new ArrayList<>(List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\";",
                ProcessHandle.current().info().command().orElse("java"), "-cp",
                System.getProperty("java.class.path"), ArchgateCommand.class.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().putAll(env);
        // Output to files: a pipe nobody reads can block the process, and a destroyed process's pipes are closed.
        Path out = Files.createTempFile("archgate-out-", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(out.toFile());
        Process p = pb.start();
        OUTPUTS.put(p, out);
        return p;
    }

    private static long containers(DockerClient docker, String ownerSuffix) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.MARK, "1")).exec().stream()
                .filter(c -> c.getLabels().getOrDefault(Labels.OWNER, "").endsWith(ownerSuffix)).count();
    }
}
