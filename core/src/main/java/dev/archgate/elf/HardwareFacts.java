package dev.archgate.elf;

import java.io.Serializable;

/**
 * What a file asks of the machine beyond its instruction set: the page size its segments can be
 * mapped under, the page size a jemalloc inside it was built for, AArch64 instructions above
 * ARMv8.0 that it executes outside any CPU check, the CPU floor a glibc loader enforces, and the
 * RISC-V extensions it was built for.
 *
 * @param pageLimit the largest page size (4, 16 or 64 KiB) under which every PT_LOAD segment can be
 *     mapped (see {@link LoadLayout}); 0 when not known (no PT_LOAD, program headers outside the
 *     kept front, or not even 4 KiB pages fit)
 * @param jemallocPage the page size a jemalloc in the file was built for (AArch64 only, see
 *     {@link Arm64Code}); null when the file carries no jemalloc, 0 when it does and the size was not found
 * @param inlineAtomics AArch64 LSE atomics (ARMv8.1) outside any CPU check, in words (how many,
 *     the first one and where); null when none
 * @param loaderFloor the oldest CPU a glibc loader (or libc) accepts, as its own fatal message names
 *     it (e.g. "z14", "POWER9", "x86-64-v2"); null when it enforces none
 * @param riscvArch a RISC-V file's Tag_RISCV_arch as recorded (see {@link RiscvAttributes}), the
 *     extensions the machine must have; null for other files, and where the file records none
 */
public record HardwareFacts(long pageLimit, Long jemallocPage, String inlineAtomics, String loaderFloor, String riscvArch)
        implements Serializable {
    public static final HardwareFacts NONE = new HardwareFacts(0, null, null, null, null);

    boolean isEmpty() {
        return pageLimit == 0 && jemallocPage == null && inlineAtomics == null && loaderFloor == null && riscvArch == null;
    }
}
