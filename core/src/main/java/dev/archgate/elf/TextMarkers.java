package dev.archgate.elf;

import java.nio.charset.StandardCharsets;

/**
 * Finds the fixed messages that say what a file enforces at start, in its bytes as they stream
 * past (a message can straddle two fed chunks):
 * <ul>
 * <li>jemalloc's "&lt;jemalloc&gt;: Unsupported system page size" (src/pages.c), which every build of
 *     jemalloc 4 and 5 carries: the file holds jemalloc;</li>
 * <li>glibc's loader floor, from the messages its dl_hwcap_check writes when built for a newer CPU than
 *     the architecture's baseline (sysdeps/s390/s390-64/dl-hwcap-check.h: "CPU lacks VXE support (z14
 *     or later required)", z15, z16, z17; sysdeps/powerpc/powerpc64/le/dl-hwcap-check.h: "(POWER9 or
 *     later required)", POWER10; sysdeps/x86/cpu-features.c with isa-level.c: "CPU does not support
 *     x86-64-v%d", compiled in only when glibc itself is built for x86-64-v2 or later). Each is inside
 *     an {@code #if} on the compiler's target, so a glibc built for the baseline carries none.</li>
 * </ul>
 */
final class TextMarkers {
    static final String JEMALLOC = "<jemalloc>: Unsupported system page size";
    private static final String LATER = " or later required)";
    private static final String X86 = "CPU does not support x86-64-v%d";
    private static final int OVERLAP = 64;

    private final boolean floors;
    private String carry = "";
    private boolean jemalloc;
    private String floor;

    /** @param floors whether to look for a glibc loader's floor too (only loaders and libc carry one) */
    TextMarkers(boolean floors) {
        this.floors = floors;
    }

    void feed(byte[] bytes, int from, int length) {
        if (jemalloc && (!floors || floor != null)) {
            return;
        }
        // ISO-8859-1 maps bytes one to one; String.indexOf on it is a vectorised intrinsic. The chunk is
        // searched alone, and the seam with the chunk before through the carried end of that one.
        String chunk = new String(bytes, from, length, StandardCharsets.ISO_8859_1);
        search(chunk);
        if (!carry.isEmpty()) {
            search(carry + chunk.substring(0, Math.min(chunk.length(), OVERLAP)));
        }
        String joined = carry.length() + chunk.length() > OVERLAP && chunk.length() < OVERLAP ? carry + chunk : chunk;
        carry = joined.substring(Math.max(0, joined.length() - OVERLAP));
    }

    private void search(String text) {
        if (!jemalloc && text.contains(JEMALLOC)) {
            jemalloc = true;
        }
        if (floors && floor == null) {
            int later = text.indexOf(LATER);
            int open = later < 0 ? -1 : text.lastIndexOf('(', later);
            if (open >= 0 && later - open < 16) {
                floor = text.substring(open + 1, later);
            } else if (text.contains(X86)) {
                floor = "x86-64-v2";
            }
        }
    }

    boolean jemalloc() {
        return jemalloc;
    }

    /** The CPU a glibc loader requires at least (e.g. "z14", "POWER9", "x86-64-v2"), null when none was found. */
    String floor() {
        return floor;
    }
}
