package dev.archgate.gate;

import dev.archgate.emulation.Binfmt;
import dev.archgate.emulation.BinfmtHandler;
import dev.archgate.image.PlatformImage;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.Finding;
import dev.archgate.report.SmokeResult;
import dev.archgate.smoke.ProgramFiles;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import java.util.ArrayList;
import java.util.List;

/** The smoke tests of one platform's variant: emulation first (fail closed), then each test in turn. */
final class SmokeRun {
    record Outcome(List<Finding> findings, List<SmokeResult> results) {}

    private SmokeRun() {}

    /**
     * @param engine the engine this platform's runs go to
     * @param files the variant's files, for strict emulation's lookups (from its merged filesystem)
     */
    static Outcome platform(SmokeEngines.Target engine, Binfmt binfmt, GateSpec spec, PlatformImage variant, String pinned, ProgramFiles files)
            throws InterruptedException {
        Platform p = variant.platform();
        var config = variant.config();
        if (!p.matchesLabel(config.os(), config.architecture(), config.variant())) {
            // The engine refuses to run a variant whose config names another platform ("No such
            // image" after the pull), so the run can only report what the index got wrong.
            return new Outcome(List.of(Finding.error(Check.PLATFORM_LABEL_MISMATCH, null, "the index lists a " + p
                    + " variant whose config says " + config.label() + ", which the Docker Engine refuses to run as " + p)), List.of());
        }
        boolean nativePlatform = engine.runsNatively(p);
        if (!nativePlatform && engine.local()) {
            BinfmtHandler handler = binfmt.status(p);
            if (handler.problem() != null) {
                return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, handler.problem())), List.of());
            }
        }
        if (!nativePlatform && spec.strictEmulation() && !Binfmt.isNative(engine.architecture())) {
            // Strict emulation copies this machine's qemu-*-static into the container: programs
            // for this machine's architecture, which another engine's hardware cannot run.
            return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, engine.name() + " runs " + engine.architecture()
                    .architecture() + " hardware, which neither runs " + p + " natively nor runs this machine's QEMU binaries: send " + p
                    + " to an engine of its own architecture or of this machine's, or gate it from a machine of " + engine.architecture()
                    .architecture())), List.of());
        }
        SmokeResult.Execution how = nativePlatform ? SmokeResult.Execution.NATIVE
                : spec.strictEmulation() ? SmokeResult.Execution.STRICT_EMULATION : SmokeResult.Execution.EMULATION;
        List<SmokeResult> results = new ArrayList<>();
        for (SmokeTest test : spec.smoke()) {
            try {
                results.add(engine.runner().run(pinned, p, nativePlatform, test, spec.strictEmulation(), config.argv(), config.path(), files)
                        .ranOn(engine.name(), how));
            } catch (RuntimeException e) {
                String lost = Engine.connectionLost(e).orElseThrow(() -> e);
                return new Outcome(List.of(Finding.error(Check.ENGINE_UNREACHABLE, null, engine.name() + " stopped answering while "
                        + p + " ran smoke test '" + test.name() + "' (" + lost + "): nothing about " + p + " was proven; run the gate again "
                        + "when the engine is back")), results);
            }
        }
        return new Outcome(List.of(), results);
    }
}
