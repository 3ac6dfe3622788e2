package dev.archgate.platform;

/** Why one ELF file cannot run on a platform, in words a person acts on. */
public record ElfMismatch(Kind kind, String description) {
    public enum Kind {
        /** Another machine, class or byte order: the kernel refuses it (exec format error). */
        ARCHITECTURE,
        /** The right machine at too high an ARM level: it starts, then dies with SIGILL. */
        ARM_LEVEL,
        /** The right machine built for a newer CPU than the variant's baseline (x86-64-v3, ARMv8.2): SIGILL or a refusal to start. */
        CPU_LEVEL
    }
}
