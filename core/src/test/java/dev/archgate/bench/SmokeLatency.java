package dev.archgate.bench;

import dev.archgate.gate.DockerClients;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.Labels;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.SmokeTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The median time of one strict smoke run in-process, after a warm-up run (JVM start and JIT
 * left out), for dev/bench-smoke to set against plain docker run of the same command.
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
        SmokeRunner runner = new SmokeRunner(DockerClients.fromEnvironment(), new Labels(), Path.of("/usr/bin"));
        SmokeTest test = new SmokeTest("bench", SmokeTest.Mode.COMMAND, command, 0, "", "", Duration.ofSeconds(60), Duration.ofSeconds(1));
        double[] seconds = new double[rounds];
        for (int i = -1; i < rounds; i++) {
            long start = System.nanoTime();
            var r = runner.run(image, platform, platform.architecture().equals("amd64"), null, test, true, chain, command);
            if (!r.passed()) {
                throw new IllegalStateException(r.outcome() + ": " + r.detail());
            }
            if (i >= 0) {
                seconds[i] = (System.nanoTime() - start) / 1e9;
            }
        }
        Arrays.sort(seconds);
        System.out.printf("%.3f%n", seconds[rounds / 2]);
        System.exit(0);
    }
}
