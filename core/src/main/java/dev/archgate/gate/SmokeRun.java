package dev.archgate.gate;

import dev.archgate.emulation.Binfmt;
import dev.archgate.image.PlatformImage;
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

    /** Why a platform's code cannot run on the engine (null: it can); see {@link Emulation#problem}. */
    interface EmulationCheck {
        String problem(Platform p) throws InterruptedException;
    }

    /** @param files the variant's files, for strict emulation's lookups (from its merged filesystem) */
    static Outcome platform(SmokeRunner runner, EmulationCheck emulation, GateSpec spec, PlatformImage variant, String pinned, ProgramFiles files)
            throws InterruptedException {
        Platform p = variant.platform();
        var config = variant.config();
        if (!p.matchesLabel(config.os(), config.architecture(), config.variant())) {
            // The engine refuses to run a variant whose config names another platform ("No such
            // image" after the pull), so the run can only report what the index got wrong.
            return new Outcome(List.of(Finding.error(Check.PLATFORM_LABEL_MISMATCH, null, "the index lists a " + p
                    + " variant whose config says " + config.label() + ", which the Docker Engine refuses to run as " + p)), List.of());
        }
        boolean nativePlatform = Binfmt.isNative(p);
        String problem = nativePlatform ? null : emulation.problem(p);
        if (problem != null) {
            return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, problem)), List.of());
        }
        List<SmokeResult> results = new ArrayList<>();
        for (SmokeTest test : spec.smoke()) {
            results.add(runner.run(pinned, p, nativePlatform, test, spec.strictEmulation(), config.argv(), config.path(), files));
        }
        return new Outcome(List.of(), results);
    }
}
