package dev.archgate.findings;

import java.io.Serializable;
import java.util.Objects;

/**
 * One smoke run of one platform. {@code exitCode} is null when the container never exited (a
 * timeout, a service still running, or a start that failed). {@code outcome} says whether it passed
 * or which check failed it; {@code detail} quotes the evidence (the runtime's error line,
 * the unmatched output) so the cause is readable without the logs. {@code engine} names the
 * Docker engine that ran it and {@code execution} how its code ran there (null when it never
 * reached an engine); {@code emulator} the QEMU binary, its version and CPU model that strict
 * emulation ran it through (null when no QEMU of this host ran it).
 */
public record SmokeResult(String name, Integer exitCode, SmokeOutcome outcome, long durationMs, String detail, String engine, Execution execution,
                          String emulator) implements Serializable {
    /** How a smoke run's code was executed. */
    public enum Execution {
        /** On hardware of the platform's own architecture. */
        NATIVE,
        /** Through the platform's own QEMU, copied into the container (strict emulation). */
        STRICT_EMULATION,
        /** Through whatever binfmt_misc handler the engine's host has (--no-strict-emulation). */
        EMULATION;

        public String id() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    public SmokeResult {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(outcome, "outcome");
        detail = detail == null ? "" : detail;
    }

    /** A result not yet placed on an engine. */
    public SmokeResult(String name, Integer exitCode, SmokeOutcome outcome, long durationMs, String detail) {
        this(name, exitCode, outcome, durationMs, detail, null, null, null);
    }

    /** This result as run on {@code engine}, executed {@code how}. */
    public SmokeResult ranOn(String engine, Execution how) {
        return new SmokeResult(name, exitCode, outcome, durationMs, detail, engine, how, emulator);
    }

    /** This result with the emulator that ran it, e.g. "qemu-aarch64-static 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3), -cpu cortex-a53". */
    public SmokeResult emulatedBy(String value) {
        return new SmokeResult(name, exitCode, outcome, durationMs, detail, engine, execution, value);
    }

    public boolean passed() {
        return outcome.passed();
    }
}
