package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the executable segments of an AArch64 file as they stream past, one 32-bit instruction at a
 * time, for two things no header records:
 * <ul>
 * <li><b>LSE atomics</b> (ARMv8.1: CAS, CASP, LDADD, LDCLR, LDEOR, LDSET, LD[SU]MAX/MIN, SWP; encodings
 *     of the Arm ARM's "Compare and swap" and "Atomic memory operations" classes) that run without a CPU
 *     check: an ARMv8.0 core (Cortex-A53, A72: Raspberry Pi 3 and 4, Graviton1) dies of SIGILL on them.
 *     An LSE instruction within {@value #GUARD_WINDOW} instructions after a CBZ, CBNZ, TBZ or TBNZ is
 *     taken as checked: that is the shape of every outline-atomics helper (libgcc's lse.S and
 *     compiler-rt's: {@code adrp x16, __aarch64_have_lse_atomics; ldrb w16, [...]; cbz w16, 1f; cas...})
 *     and of Go's runtime ({@code MOVBU ·ARM64HasATOMICS, R4; CBZ R4, loop}), which choose LSE only
 *     where the CPU has it. Hits are kept with their file offsets and, once the section headers are
 *     known, only those inside SHF_EXECINSTR sections count, since data placed in an executable
 *     segment (constant tables, .rodata without -z separate-code) can look like anything;</li>
 * <li><b>jemalloc's page size</b>: jemalloc compares the system's page size with the one it was built
 *     for (LG_PAGE) at start and aborts with "&lt;jemalloc&gt;: Unsupported system page size" when the
 *     system's is larger (src/pages.c, pages_boot: {@code os_page = os_page_detect(); if (os_page > PAGE)}).
 *     That compare follows {@code sysconf(_SC_PAGESIZE)} ({@code mov w0, #30; bl sysconf}) as
 *     {@code cmp xN, #PAGE}; Debian's libjemalloc.so.2 for arm64 reads {@code cmp x0, #0x10, lsl #12}
 *     (64 KiB) five instructions after the call.</li>
 * </ul>
 */
final class Arm64Code {
    static final int GUARD_WINDOW = 4;
    private static final int MAX_HITS = 4096;
    private static final int SC_PAGESIZE_MOV = 0x528003C0; // movz w0, #30 (_SC_PAGESIZE in glibc and musl)
    private static final int CALL_WINDOW = 10;
    /** How many words on each side of an LSE hit must look like code for it to count (see {@link #dataLike}). */
    static final int CODE_WINDOW = 8;
    private static final int COMPARE_WINDOW = 12;

    private final List<long[]> ranges;
    private final byte[] partial = new byte[4];
    private int partialLength;
    private long partialAt;
    private long lastGuard = Long.MIN_VALUE / 2;
    private long lastData = Long.MIN_VALUE / 2;
    private long lastSysconfArgument = Long.MIN_VALUE / 2;
    private long lastSysconfCall = Long.MIN_VALUE / 2;
    private long pageCompare;
    private long[] hits = new long[16];
    private int[] hitWords = new int[16];
    private int hitCount;
    private boolean hitsTruncated;

    /** @param ranges the executable segments' file ranges, {start, end} */
    Arm64Code(List<long[]> ranges) {
        this.ranges = ranges;
    }

    /** Takes the file's bytes [{@code offset}, {@code offset + length}), fed in increasing order without gaps. */
    void feed(long offset, byte[] bytes, int from, int length) {
        for (long[] r : ranges) {
            long start = Math.max(offset, r[0]);
            long end = Math.min(offset + length, r[1]);
            if (start < end) {
                scan(r[0], start, bytes, from + (int) (start - offset), (int) (end - start));
            }
        }
    }

    private void scan(long rangeStart, long at, byte[] b, int from, int n) {
        int i = from;
        int end = from + n;
        long offset = at;
        if (partialLength > 0 && partialAt + partialLength == offset) {
            // A word that straddles two fed chunks is put together here.
            while (partialLength < 4 && i < end) {
                partial[partialLength++] = b[i++];
                offset++;
            }
            if (partialLength < 4) {
                return;
            }
            instruction(partialAt, word(partial, 0));
        }
        partialLength = 0;
        long misaligned = (offset - rangeStart) & 3;
        if (misaligned != 0) {
            i += (int) (4 - misaligned);
            offset += 4 - misaligned;
        }
        for (; i + 4 <= end; i += 4, offset += 4) {
            instruction(offset, word(b, i));
        }
        if (i < end) {
            partialAt = offset;
            while (i < end) {
                partial[partialLength++] = b[i++];
            }
        }
    }

    private static int word(byte[] b, int i) {
        return (b[i] & 0xff) | (b[i + 1] & 0xff) << 8 | (b[i + 2] & 0xff) << 16 | (b[i + 3] & 0xff) << 24;
    }

    private void instruction(long at, int w) {
        if (dataLike(w)) {
            lastData = at;
            while (hitCount > 0 && at - hits[hitCount - 1] <= 4L * CODE_WINDOW) {
                hitCount--; // a word of data among the words after it: the hit was data too
            }
            return;
        }
        if ((w & 0x7C000000) == 0x34000000) { // CBZ, CBNZ, TBZ, TBNZ
            lastGuard = at;
        } else if (isLse(w)) {
            if (at - lastGuard > 4L * GUARD_WINDOW && at - lastData > 4L * CODE_WINDOW) {
                hit(at, w);
            }
        } else if (w == SC_PAGESIZE_MOV) {
            lastSysconfArgument = at;
        } else if ((w & 0xFC000000) == 0x94000000) { // BL
            if (at - lastSysconfArgument <= 4L * CALL_WINDOW) {
                lastSysconfCall = at;
            }
        } else if ((w & 0xFF80001F) == 0xF100001F && pageCompare == 0 && at - lastSysconfCall <= 4L * COMPARE_WINDOW) {
            long value = (long) ((w >>> 10) & 0xfff) << (((w >>> 22) & 1) * 12); // CMP Xn, #imm{, LSL #12}
            if (value >= 4096 && Long.bitCount(value) == 1) {
                pageCompare = value;
            }
        }
    }

    /**
     * Whether a word cannot be ARMv8.0 code: its op0 field (bits 28:25) is 0000 (reserved, UDF),
     * 0001 or 0011 (unallocated) or 0010 (SVE, which no ARMv8.0 code holds outside CPU checks). A
     * quarter of all data words look so, and compiled code never does; OpenSSL's, libgcrypt's and
     * GnuTLS's hand-written assembly keep constant tables in .text (Debian's arm64 libgcrypt.so.20
     * has a word that decodes as LDADDAL at 0x5cfac of its S-box), so a hit counts only when
     * {@value #CODE_WINDOW} words on each side are code.
     */
    static boolean dataLike(int w) {
        return ((w >>> 25) & 0xF) <= 3;
    }

    /** CAS/CASA/CASL/CASAL of every size, CASP, and the atomic memory operations LD&lt;op&gt; and SWP. */
    static boolean isLse(int w) {
        if ((w & 0x3FA07C00) == 0x08A07C00 || (w & 0xBFA07C00) == 0x08207C00) {
            return true;
        }
        if ((w & 0x3F200C00) != 0x38200000) {
            return false;
        }
        int o3 = (w >>> 15) & 1;
        int opc = (w >>> 12) & 7;
        return o3 == 0 || opc == 0; // LDADD..LDUMIN, or SWP; LDAPR (o3 1, opc 100) is ARMv8.3's
    }

    private void hit(long at, int w) {
        if (hitCount == MAX_HITS) {
            hitsTruncated = true;
            return;
        }
        if (hitCount == hits.length) {
            hits = Arrays.copyOf(hits, hitCount * 2);
            hitWords = Arrays.copyOf(hitWords, hitCount * 2);
        }
        hits[hitCount] = at;
        hitWords[hitCount++] = w;
    }

    /** The page size of the compare that follows sysconf(_SC_PAGESIZE), 0 when none was seen. */
    long pageCompare() {
        return pageCompare;
    }

    /**
     * The unchecked LSE instructions in words, counting only those inside executable sections when
     * the section headers are in {@code window}; null when there are none.
     */
    String inlineAtomics(Window window) {
        List<long[]> sections = executableSections(window);
        int count = 0;
        long first = -1;
        int firstWord = 0;
        for (int i = 0; i < hitCount; i++) {
            long at = hits[i];
            if (sections == null || sections.stream().anyMatch(s -> at >= s[0] && at < s[1])) {
                if (count++ == 0) {
                    first = at;
                    firstWord = hitWords[i];
                }
            }
        }
        if (count == 0) {
            return null;
        }
        return (hitsTruncated ? "more than " : "") + count + " LSE atomic instruction" + (count == 1 ? "" : "s") + " (ARMv8.1) outside any CPU"
                + " check, the first a " + mnemonic(firstWord) + " at file offset 0x" + Long.toHexString(first);
    }

    /** The file ranges of SHF_EXECINSTR sections, null when the section headers are not in the window. */
    private static List<long[]> executableSections(Window w) {
        ByteBuffer h = w.slice(0, 64, ByteOrder.LITTLE_ENDIAN);
        if (h == null) {
            return null;
        }
        long shoff = h.getLong(40);
        int shentsize = Short.toUnsignedInt(h.getShort(58));
        int shnum = Short.toUnsignedInt(h.getShort(60));
        if (shoff == 0 || shnum == 0 || shentsize < 64) {
            return null;
        }
        ByteBuffer sh = w.slice(shoff, (long) shnum * shentsize, ByteOrder.LITTLE_ENDIAN);
        if (sh == null) {
            return null;
        }
        List<long[]> out = new java.util.ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int base = i * shentsize;
            long flags = sh.getLong(base + 8);
            if (sh.getInt(base + 4) == 1 && (flags & 4) != 0) { // SHT_PROGBITS, SHF_EXECINSTR
                long offset = sh.getLong(base + 24);
                out.add(new long[] {offset, offset + sh.getLong(base + 32)});
            }
        }
        return out;
    }

    /** The instruction's family name, for the message. */
    static String mnemonic(int w) {
        if ((w & 0x3FA07C00) == 0x08A07C00) {
            return "CAS";
        }
        if ((w & 0xBFA07C00) == 0x08207C00) {
            return "CASP";
        }
        if (((w >>> 15) & 1) == 1) {
            return "SWP";
        }
        return switch ((w >>> 12) & 7) {
            case 0 -> "LDADD";
            case 1 -> "LDCLR";
            case 2 -> "LDEOR";
            case 3 -> "LDSET";
            case 4 -> "LDSMAX";
            case 5 -> "LDSMIN";
            case 6 -> "LDUMAX";
            default -> "LDUMIN";
        };
    }
}
