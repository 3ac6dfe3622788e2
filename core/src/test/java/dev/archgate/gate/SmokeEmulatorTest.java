package dev.archgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import org.junit.jupiter.api.Test;

/** A binfmt_misc run's crash under QEMU 9.2.0 (docker/setup-qemu-action#201, tonistiigi/binfmt#245) is the environment's. */
class SmokeEmulatorTest {
    private static final String BAD = "qemu-aarch64 version 9.2.0 through binfmt_misc qemu-aarch64 (/usr/bin/qemu-aarch64, flags OCF)";
    private static final String GOOD = "qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3) through binfmt_misc qemu-aarch64 "
            + "(/usr/libexec/qemu-binfmt/aarch64-binfmt-P, flags PF)";

    private static SmokeResult result(String outcome) {
        return result(outcome, 139);
    }

    private static SmokeResult result(String outcome, int exit) {
        return new SmokeResult("command", exit, SmokeOutcome.fromId(outcome).orElseThrow(), 120, "killed by SIGSEGV (segmentation fault)", "local", SmokeResult.Execution.EMULATION,
                null);
    }

    @Test
    void aCrashUnderAKnownBadReleaseIsEmulationSuspectNamingTheRelease() {
        SmokeResult r = SmokeEmulator.judged(result("smoke.signal"), BAD);
        assertThat(r.outcome().id()).isEqualTo("emulation.suspect");
        assertThat(r.detail()).contains("QEMU 9.2.0", "flags OCF", "tonistiigi/binfmt:qemu-v9.2.2", "killed by SIGSEGV");
        assertThat(r.emulator()).isEqualTo(BAD);
    }

    @Test
    void otherwiseTheResultStandsWithItsEmulatorNamed() {
        assertThat(SmokeEmulator.judged(result("smoke.signal"), GOOD)).satisfies(r -> {
            assertThat(r.outcome().id()).isEqualTo("smoke.signal");
            assertThat(r.emulator()).isEqualTo(GOOD);
        });
        assertThat(SmokeEmulator.judged(result("passed", 0), BAD).outcome().id()).isEqualTo("passed");
        assertThat(SmokeEmulator.judged(result("smoke.signal", 137), BAD).outcome().id()).as("an out-of-memory kill").isEqualTo("smoke.signal");
    }
}
