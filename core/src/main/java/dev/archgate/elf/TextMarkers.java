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
 *     an {@code #if} on the compiler's target, so a glibc built for the baseline carries none;</li>
 * <li>glibc's build text, which its libc.so.6 prints after "GNU C Library " and its loader after
 *     "ld.so " (csu/version.c, elf/rtld.c: PKGVERSION, RELEASE, " release version ", VERSION).</li>
 * </ul>
 * All of these are string constants, so the scanner feeds only the file's read-only data
 * ({@link LoadLayout#readOnlyDataRanges}), not its code, writable data or symbols.
 */
final class TextMarkers {
    static final String JEMALLOC = "<jemalloc>: Unsupported system page size";
    private static final String LATER = " or later required)";
    private static final String X86 = "CPU does not support x86-64-v%d";
    /** What glibc's libc.so.6 and loader print between PKGVERSION and the version number. */
    static final String RELEASE = " release version ";
    private static final String[] RELEASE_PREFIXES = {"GNU C Library (", "ld.so ("};
    /** Longer than every message, so that one split by two fed chunks lies whole in the seam searched. */
    private static final int OVERLAP = 256;

    private final boolean jemallocWanted;
    private final boolean floors;
    private final boolean releaseWanted;
    private String carry = "";
    private boolean jemalloc;
    private String floor;
    private String release;

    /** @param floors whether to look for a glibc loader's floor too (only loaders and libc carry one) */
    TextMarkers(boolean floors) {
        this(true, floors, false);
    }

    /**
     * @param jemalloc whether to look for jemalloc's message (AArch64 files, whose page compare it points to)
     * @param floors whether to look for a glibc loader's floor (only loaders carry one)
     * @param release whether to look for glibc's build text (files that can be started: its libc and loader among them)
     */
    TextMarkers(boolean jemalloc, boolean floors, boolean release) {
        this.jemallocWanted = jemalloc;
        this.floors = floors;
        this.releaseWanted = release;
    }

    void feed(byte[] bytes, int from, int length) {
        if ((jemalloc || !jemallocWanted) && (!floors || floor != null) && (!releaseWanted || release != null)) {
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
        if (releaseWanted && release == null) {
            release = release(text);
        }
        if (jemallocWanted && !jemalloc && text.contains(JEMALLOC)) {
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

    /**
     * The build text in a NUL-terminated string that starts with "GNU C Library (" or "ld.so (", from
     * its "(" to the version number ("(Debian GLIBC 2.36-9+deb12u4) stable release version 2.36").
     */
    private static String release(String text) {
        for (int words = text.indexOf(RELEASE); words >= 0; words = text.indexOf(RELEASE, words + 1)) {
            for (String prefix : RELEASE_PREFIXES) {
                int start = text.lastIndexOf(prefix, words);
                if (start <= 0 || text.charAt(start - 1) != 0 || words - start > OVERLAP / 2 || text.lastIndexOf(0, words) > start) {
                    continue;
                }
                int end = words + RELEASE.length();
                while (end < text.length() && (Character.isDigit(text.charAt(end)) || text.charAt(end) == '.')) {
                    end++;
                }
                if (end == text.length()) {
                    return null; // cut by the chunk's end: the seam with the next chunk holds it whole
                }
                return text.substring(start + prefix.length() - 1, text.charAt(end - 1) == '.' ? end - 1 : end);
            }
        }
        return null;
    }

    /** glibc's build text, null when none was found. */
    String release() {
        return release;
    }

    boolean jemalloc() {
        return jemalloc;
    }

    /** The CPU a glibc loader requires at least (e.g. "z14", "POWER9", "x86-64-v2"), null when none was found. */
    String floor() {
        return floor;
    }
}
