package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The built CLI (cli/target) run in a JVM of its own, as a pipeline runs it: its own heap limit,
 * environment, working and temporary directories, measured by /usr/bin/time (wall time and peak
 * RSS, the JVM included).
 */
record CliProcess(int status, String out, String err, double seconds, long rssMb) {

    /**
     * @param dir where the run's cwd/, tmp/ and output files go
     * @param limit how long it may take before it is killed and the test fails
     */
    static CliProcess run(Path dir, String heap, Duration limit, Map<String, String> env, String... args) throws IOException, InterruptedException {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path tmp = Files.createDirectories(dir.resolve("tmp"));
        Path times = dir.resolve("time.txt");
        Path root = Fixtures.repositoryRoot();
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %M", "-o", times.toString(), java, "-Xmx" + heap,
                "-Djava.io.tmpdir=" + tmp, "-cp", root.resolve("cli/target/archgate-cli.jar") + ":" + root.resolve("cli/target/lib/*"),
                "dev.archgate.cli.Archgate"));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile())
                .redirectOutput(dir.resolve("out.txt").toFile()).redirectError(dir.resolve("err.txt").toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        boolean ended = p.waitFor(limit.toSeconds(), TimeUnit.SECONDS);
        if (!ended) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        }
        assertThat(ended).as(String.join(" ", args) + " ran longer than " + limit.toSeconds() + " s").isTrue();
        String[] lines = Files.readString(times).strip().split("\n");
        String[] last = lines[lines.length - 1].split(" ");
        return new CliProcess(p.exitValue(), Files.readString(dir.resolve("out.txt")), Files.readString(dir.resolve("err.txt")),
                Double.parseDouble(last[0]), Long.parseLong(last[1]) / 1024);
    }
}
