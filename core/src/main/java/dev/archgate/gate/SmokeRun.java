package dev.archgate.gate;

import dev.archgate.emulation.Binfmt;
import dev.archgate.emulation.BinfmtHandler;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.image.PlatformImage;
import dev.archgate.image.ProgramChain;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.Finding;
import dev.archgate.report.SmokeResult;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import java.util.ArrayList;
import java.util.List;

/** The smoke tests of one platform's variant: emulation first (fail closed), then each test in turn. */
final class SmokeRun {
    record Outcome(List<Finding> findings, List<SmokeResult> results) {}

    private SmokeRun() {}

    /** @param fs the variant's merged filesystem, from which each test's program chain is resolved as the audit resolves it */
    static Outcome platform(SmokeRunner runner, Binfmt binfmt, GateSpec spec, PlatformImage variant, String pinned, MergedFilesystem fs)
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
        List<Finding> findings = new ArrayList<>();
        if (!nativePlatform) {
            BinfmtHandler handler = binfmt.status(p);
            if (handler.problem() != null) {
                return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, handler.problem())), List.of());
            }
            if (spec.strictEmulation()) {
                var missing = runner.emulatorProblem(p);
                if (missing.isPresent()) {
                    return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, missing.get())), List.of());
                }
            } else if (!spec.smoke().isEmpty()) {
                findings.add(Finding.warning(Check.EMULATION_NOT_STRICT, null, "strict emulation was off for this run "
                        + "(--no-strict-emulation or emulation.strict: false): code of another architecture may have run natively "
                        + "and passed; only the static audit would catch it"));
            }
        }
        List<SmokeResult> results = new ArrayList<>();
        for (SmokeTest test : spec.smoke()) {
            List<String> argv = test.command().isEmpty() ? config.argv() : test.command();
            ProgramChain chain = ProgramChain.resolve(fs, argv, config.workingDir(), config.path());
            results.add(runner.run(pinned, p, nativePlatform, test, spec.strictEmulation(), chain, argv));
        }
        return new Outcome(findings, results);
    }
}
