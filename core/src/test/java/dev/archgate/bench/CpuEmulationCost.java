package dev.archgate.bench;

import dev.archgate.findings.SmokeResult;
import dev.archgate.host.DockerClients;
import dev.archgate.host.QemuBinaries;
import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.Labels;
import dev.archgate.smoke.SmokeRequest;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.SmokeTest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What emulating linux/amd64's baseline CPU costs on an x86-64 host: one strict smoke run through
 * qemu-x86_64-static with the baseline model against the same run native (as --no-strict-emulation
 * and earlier versions did), alternated so that both see the same machine load, after one warm-up
 * of each. Prints the two medians and their ratio.
 * Usage: CpuEmulationCost IMAGE ROUNDS CMD...
 */
public final class CpuEmulationCost {
    private CpuEmulationCost() {}

    public static void main(String[] args) throws Exception {
        String image = args[0];
        int rounds = Integer.parseInt(args[1]);
        List<String> command = Arrays.asList(args).subList(2, args.length);
        Platform amd64 = Platform.parse("linux/amd64");
        String model = CpuBaseline.of(amd64).model().orElseThrow();
        var chain = dev.archgate.testing.FixturePrograms.chain(image, amd64, command);
        SmokeRunner runner = new SmokeRunner(DockerClients.fromEnvironment(System.getenv()), new Labels(), new QemuBinaries(Path.of("/usr/bin")));
        SmokeTest test = new SmokeTest("bench", SmokeTest.Mode.COMMAND, command, 0, "", "", Duration.ofSeconds(60), Duration.ofSeconds(1));
        double[] nativeRuns = new double[rounds];
        double[] emulated = new double[rounds];
        for (int i = -1; i < rounds; i++) {
            double n = time(runner.run(SmokeRequest.of(image, amd64, test).program(chain, command).nativeCode(true).build()));
            double e = time(runner.run(SmokeRequest.of(image, amd64, test).program(chain, command).cpuModel(model).build()));
            if (i >= 0) {
                nativeRuns[i] = n;
                emulated[i] = e;
            }
        }
        Arrays.sort(nativeRuns);
        Arrays.sort(emulated);
        double nativeMedian = nativeRuns[rounds / 2];
        double emulatedMedian = emulated[rounds / 2];
        System.out.printf("one linux/amd64 smoke run, median of %d alternated: native %.3fs, through qemu-x86_64 -cpu %s %.3fs: ratio %.2f%n",
                rounds, nativeMedian, model, emulatedMedian, emulatedMedian / nativeMedian);
        System.exit(0);
    }

    private static double time(SmokeResult r) {
        if (!r.passed()) {
            throw new IllegalStateException(r.outcome().id() + ": " + r.detail());
        }
        return r.durationMs() / 1000.0;
    }
}
