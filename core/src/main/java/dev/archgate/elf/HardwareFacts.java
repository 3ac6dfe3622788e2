package dev.archgate.elf;

import java.io.Serializable;

/**
 * What a file asks of the machine beyond its instruction set: the page size its segments can be
 * mapped under, the page size a jemalloc inside it was built for, AArch64 instructions above
 * ARMv8.0 that it executes outside any CPU check, and the CPU floor a glibc loader enforces.
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
 */
public record HardwareFacts(long pageLimit, Long jemallocPage, String inlineAtomics, String loaderFloor) implements Serializable {
    public static final HardwareFacts NONE = new HardwareFacts(0, null, null, null);

    boolean isEmpty() {
        return pageLimit == 0 && jemallocPage == null && inlineAtomics == null && loaderFloor == null;
    }
}
