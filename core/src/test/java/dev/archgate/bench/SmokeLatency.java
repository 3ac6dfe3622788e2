package dev.archgate.bench;

import dev.archgate.host.DockerClients;
import dev.archgate.host.QemuBinaries;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.Labels;
import dev.archgate.smoke.SmokeRequest;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.SmokeTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The median time of one strict smoke run in-process (JVM start and JIT left out by a warm-up
 * run) and of plain {@code docker run --rm --platform} of the same command, alternated so both
 * see the same machine load, for dev/bench-smoke. Prints the two medians in seconds.
 * Usage: SmokeLatency IMAGE PLATFORM ROUNDS CMD...
 */
public final class SmokeLatency {
    private SmokeLatency() {}

    public static void main(String[] args) throws Exception {
        String image = args[0];
        Platform platform = Platform.parse(args[1]);
        int rounds = Integer.parseInt(args[2]);
        List<String> command = Arrays.asList(args).subList(3, args.length);
        var chain = dev.archgate.testing.FixturePrograms.chain(image, platform, command);
        SmokeRunner runner = new SmokeRunner(DockerClients.fromEnvironment(System.getenv()), new Labels(), new QemuBinaries(Path.of("/usr/bin")));
        SmokeTest test = new SmokeTest("bench", SmokeTest.Mode.COMMAND, command, 0, "", "", Duration.ofSeconds(60), Duration.ofSeconds(1));
        List<String> dockerRun = new ArrayList<>(List.of("docker", "run", "--rm", "--platform", platform.toString(), image));
        dockerRun.addAll(command);
        double[] ours = new double[rounds];
        double[] theirs = new double[rounds];
        for (int i = -1; i < rounds; i++) {
            long start = System.nanoTime();
            var r = runner.run(SmokeRequest.of(image, platform, test).program(chain, command)
                    .nativeCode(platform.architecture().equals("amd64")).build());
            if (!r.passed()) {
                throw new IllegalStateException(r.outcome().id() + ": " + r.detail());
            }
            double o = (System.nanoTime() - start) / 1e9;
            start = System.nanoTime();
            Process p = new ProcessBuilder(dockerRun).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", dockerRun) + " exited with " + p.exitValue());
            }
            if (i >= 0) {
                ours[i] = o;
                theirs[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(ours);
        Arrays.sort(theirs);
        System.out.printf("%.3f %.3f%n", ours[rounds / 2], theirs[rounds / 2]);
        System.exit(0);
    }
}
