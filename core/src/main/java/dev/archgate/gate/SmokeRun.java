package dev.archgate.gate;

import dev.archgate.emulation.Binfmt;
import dev.archgate.emulation.BinfmtHandler;
import dev.archgate.image.PlatformImage;
import dev.archgate.image.ResolvedImage;
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
import java.util.Optional;

/** The smoke tests of one platform: emulation first (fail closed), then each test in turn. */
final class SmokeRun {
    record Outcome(List<Finding> findings, List<SmokeResult> results) {}

    /** A supplier that may read (the merged filesystem is loaded only for platforms that run). */
    interface IoSupplier<T> {
        T get() throws java.io.IOException;
    }

    private SmokeRun() {}

    /** @param files the variant's files, for strict emulation's lookups (from its merged filesystem) */
    static Outcome platform(SmokeRunner runner, Binfmt binfmt, GateSpec spec, ResolvedImage image, String pinned, Platform p,
                            IoSupplier<ProgramFiles> files) throws InterruptedException, java.io.IOException {
        Optional<PlatformImage> variant = image.variants().get(p);
        if (variant.isEmpty()) {
            return new Outcome(List.of(dev.archgate.audit.PlatformAudit.missing(p, image.offered())), List.of());
        }
        var label = variant.get().config();
        if (!p.matchesLabel(label.os(), label.architecture(), label.variant())) {
            // The engine refuses to run a variant whose config names another platform ("No such
            // image" after the pull), so the run can only report what the index got wrong.
            return new Outcome(List.of(Finding.error(Check.PLATFORM_LABEL_MISMATCH, null, "the index lists a " + p
                    + " variant whose config says " + label.label() + ", which the Docker Engine refuses to run as " + p)), List.of());
        }
        boolean nativePlatform = Binfmt.isNative(p);
        if (!nativePlatform) {
            BinfmtHandler handler = binfmt.status(p);
            if (handler.problem() != null) {
                return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, handler.problem())), List.of());
            }
        }
        List<SmokeResult> results = new ArrayList<>();
        ProgramFiles programs = files.get();
        for (SmokeTest test : spec.smoke()) {
            results.add(runner.run(pinned, p, nativePlatform, test, spec.strictEmulation(), label.argv(), label.path(), programs));
        }
        return new Outcome(List.of(), results);
    }
}
