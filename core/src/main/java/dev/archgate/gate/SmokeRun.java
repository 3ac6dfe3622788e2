package dev.archgate.gate;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.Binfmt;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.SmokeRequest;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import java.util.ArrayList;
import java.util.List;

/** The smoke tests of one platform's variant: emulation first (fail closed), then each test in turn. */
final class SmokeRun {
    record Outcome(List<Finding> findings, List<SmokeResult> results) {}

    private SmokeRun() {}

    /** Why a platform's code cannot run on the local engine (null: it can); see {@link Emulation#problem}. */
    interface EmulationCheck {
        String problem(Platform p) throws InterruptedException;

        /** The emulator binfmt_misc hands the platform's code to on the local engine, in words; null when unknown. */
        default String emulator(Platform p) {
            return null;
        }
    }

    /**
     * The CPU model strict runs of {@code p} emulate: emulation.cpu's model, else that of hardware.cpu's
     * baseline or the platform's own (null: QEMU's default, or none).
     */
    static String cpuModel(GateSpec spec, Platform p) {
        return spec.emulationCpu().getOrDefault(p, spec.hardware().baseline(p).model().orElse(null));
    }

    /**
     * @param engine the engine this platform's runs go to
     * @param emulation what keeps the platform's code from running on the local engine
     * @param fs the variant's merged filesystem, from which each test's program chain is resolved as the audit resolves it
     */
    static Outcome platform(SmokeEngines.Target engine, EmulationCheck emulation, GateSpec spec, PlatformImage variant, String pinned,
                            MergedFilesystem fs)
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
        boolean hardware = engine.runsNatively(p);
        // Strict runs on hardware of the platform's own architecture go through QEMU too when a
        // baseline CPU is to be emulated, so AVX2 code fails here as on an older server (QEMU is
        // started explicitly: no binfmt handler is needed). That takes this machine's QEMU, so an
        // engine of another architecture runs its own platform natively.
        boolean runNative = hardware && (!spec.strictEmulation() || cpu == null || !Binfmt.isNative(engine.architecture()));
        List<Finding> findings = new ArrayList<>();
        if (!hardware && engine.local()) {
            String problem = emulation.problem(p);
            if (problem != null) {
                return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, problem)), List.of());
            }
            if (spec.strictEmulation()) {
                var missing = engine.runner().emulatorProblem(p);
                if (missing.isPresent()) {
                    return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, missing.get())), List.of());
                }
            } else if (!spec.smoke().isEmpty()) {
                findings.add(Finding.warning(Check.EMULATION_NOT_STRICT, null, "strict emulation was off for this run "
                        + "(--no-strict-emulation or emulation.strict: false): code of another architecture may have run natively "
                        + "and passed; only the static audit would catch it"));
            }
        } else if (!runNative) {
            var missing = engine.runner().emulatorProblem(p);
            if (missing.isPresent()) {
                return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, missing.get())), List.of());
            }
        }
        if (!hardware && spec.strictEmulation() && !Binfmt.isNative(engine.architecture())) {
            // Strict emulation copies this machine's qemu-*-static into the container: programs
            // for this machine's architecture, which another engine's hardware cannot run.
            return new Outcome(List.of(Finding.error(Check.EMULATION_MISSING, null, engine.name() + " runs " + engine.architecture()
                    .architecture() + " hardware, which neither runs " + p + " natively nor runs this machine's QEMU binaries: send " + p
                    + " to an engine of its own architecture or of this machine's, or gate it from a machine of " + engine.architecture()
                    .architecture())), List.of());
        }
        SmokeResult.Execution how = runNative ? SmokeResult.Execution.NATIVE
                : spec.strictEmulation() ? SmokeResult.Execution.STRICT_EMULATION : SmokeResult.Execution.EMULATION;
        List<SmokeResult> results = new ArrayList<>();
        // Runs through binfmt_misc name the QEMU and handler flags they ran under, as strict runs name theirs.
        String handler = how == SmokeResult.Execution.EMULATION && engine.local() ? emulation.emulator(p) : null;
        String image = platformManifest(pinned, variant);
        for (SmokeTest test : spec.smoke()) {
            List<String> argv = test.command().isEmpty() ? config.argv() : test.command();
            ProgramChain chain = ProgramChain.resolve(fs, argv, config.workingDir(), config.path());
            SmokeRequest request = SmokeRequest.of(image, p, test).program(chain, argv).nativeCode(runNative).strict(spec.strictEmulation())
                    .cpuModel(cpu).build();
            SmokeResult result = engine.runner().run(request).ranOn(engine.name(), how);
            results.add(handler == null ? result : SmokeEmulator.judged(result, handler));
        }
        return new Outcome(findings, results);
    }

    /**
     * The variant's own manifest, by digest, where the image is pinned to a registry digest: the
     * classic image store records a pulled digest for the one platform it pulled, so two platforms
     * of one index pulled at once collide there ("cannot overwrite digest"), as on GitHub's hosted runners.
     */
    static String platformManifest(String pinned, PlatformImage variant) {
        int at = pinned.indexOf("@sha256:");
        return at < 0 || variant.entry() == null ? pinned : pinned.substring(0, at + 1) + variant.entry().digest();
    }
}
