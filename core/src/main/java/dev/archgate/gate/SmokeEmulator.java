package dev.archgate.gate;

import dev.archgate.findings.Check;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.KnownQemuFaults;

/**
 * A smoke result of a run through binfmt_misc, with the emulator it ran under (the QEMU's version and
 * the handler's flags), and a crash under a QEMU release known to crash where the guest is fine
 * ({@link KnownQemuFaults}) turned into emulation.suspect: the environment's failure, never the image's.
 * Strict runs are judged so by the classifier itself, which knows the QEMU it launched.
 */
final class SmokeEmulator {
    private SmokeEmulator() {}

    static SmokeResult judged(SmokeResult r, String emulator) {
        var crash = KnownQemuFaults.crash(emulator);
        // A crash (SIGILL, SIGABRT, SIGBUS, SIGSEGV); an out-of-memory kill (137) is no emulator's doing.
        boolean crashed = r.outcome().is(Check.SMOKE_SIGNAL) && KnownQemuFaults.isCrashStatus(r.exitCode());
        if (crash.isEmpty() || !crashed) {
            return r.emulatedBy(emulator);
        }
        return new SmokeResult(r.name(), r.exitCode(), SmokeOutcome.failedBy(Check.EMULATION_SUSPECT), r.durationMs(), crash.get() + " (" + r.detail() + ")",
                r.engine(), r.execution(), emulator);
    }
}
