package dev.archgate.elf;


/**
 * Why one ELF file cannot run on a platform, in words a person acts on.
 *
 * @param wholeFile whether the level applies to all of the file's code, so that no run-time
 *     dispatch can keep the newer code from running: a Go level setting (Go's compiler emits its
 *     instructions in every function, cmd/compile reading internal/buildcfg), an x86 ISA note
 *     (glibc's loader refuses the whole file on an older CPU) or a float ABI. A level read from
 *     ARM build attributes is the highest of the objects the linker merged, some of which may run
 *     only where the CPU has the feature.
 */
public record ElfMismatch(Kind kind, String description, boolean wholeFile) {
    public ElfMismatch(Kind kind, String description) {
        this(kind, description, false);
    }

    public enum Kind {
        /** Another machine, class or byte order: the kernel refuses it (exec format error). */
        ARCHITECTURE,
        /** The right machine at too high an ARM level: it starts, then dies with SIGILL. */
        ARM_LEVEL,
        /** The right machine built for a newer CPU than the variant's baseline (x86-64-v3, ARMv8.2): SIGILL or a refusal to start. */
        CPU_LEVEL
    }
}
