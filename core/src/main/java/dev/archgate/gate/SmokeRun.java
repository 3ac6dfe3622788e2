package dev.archgate.gate;

import dev.archgate.emulation.Binfmt;
import dev.archgate.emulation.BinfmtHandler;
import dev.archgate.image.PlatformImage;
import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.Finding;
import dev.archgate.report.SmokeResult;
import dev.archgate.smoke.ProgramFiles;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import java.util.ArrayList;
import java.util.List;

/** The smoke tests of one platform's variant: emulation first (fail closed), then each test in turn. */
final class SmokeRun {
    record Outcome(List<Finding> findings, List<SmokeResult> results) {}

    private SmokeRun() {}

    /** The CPU model strict runs of {@code p} emulate: the spec's override, else the platform's baseline (null: QEMU's default, or none). */
    private static String cpuModel(GateSpec spec, Platform p) {
        return spec.emulationCpu().getOrDefault(p, CpuBaseline.of(p).model().orElse(null));
    }

    /** @param files the variant's files, for strict emulation's lookups (from its merged filesystem) */
    static Outcome platform(SmokeRunner runner, Binfmt binfmt, GateSpec spec, PlatformImage variant, String pinned, ProgramFiles files)
            throws InterruptedException {
        Platform p = variant.platform();
        var config = variant.config();
        if (!p.matchesLabel(config.os(), config.architecture(), config.variant())) {
            // The engine refuses to run a variant whose config names another platform ("No such
            // image" after the pull), so the run can only report what the index got wrong.
            return new Outcome(List.of(Finding.error(Check.PLATFORM_LABEL_MISMATCH, null, "the index lists a " + p
                    + " variant whose config says " + config.label() + ", which the Docker Engine refuses to run as " + p)), List.of());
        }
        String cpu = cpuModel(spec, p);
        // Strict runs of the host's own architecture go through QEMU too when a baseline CPU is to
        // be emulated, so AVX2 code fails here as on an older server; QEMU is started explicitly,
        // so no binfmt handler is needed for it.
        boolean hostArchitecture = Binfmt.isNative(p);
        boolean runNative = hostArchitecture && (!spec.strictEmulation() || cpu == null);
        if (!hostArchitecture) {
            BinfmtHandler handler = binfmt.status(p);
            if (handler.problem() != null) {
                return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, handler.problem())), List.of());
            }
        } else if (!runNative) {
            var missing = runner.missingQemu(p);
            if (missing.isPresent()) {
                return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, missing.get())), List.of());
            }
        }
        List<SmokeResult> results = new ArrayList<>();
        for (SmokeTest test : spec.smoke()) {
            results.add(runner.run(pinned, p, runNative, cpu, test, spec.strictEmulation(), config.argv(), config.path(), files));
        }
        return new Outcome(List.of(), results);
    }
}
