package dev.archgate.platform;

/** Why one ELF file cannot run on a platform, in words a person acts on. */
public record ElfMismatch(Kind kind, String description) {
    public enum Kind {
        /** Another machine, class or byte order: the kernel refuses it (exec format error). */
        ARCHITECTURE,
        /** The right machine at too high an ARM level: it starts, then dies with SIGILL. */
        ARM_LEVEL
    }
}
