package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the dynamic section of an ELF file that streams past once, in bounded memory. In files
 * made by GNU ld, gold, lld and Go's linker the dynamic string table lies in the first, read-only
 * segment, and the dynamic section itself in the writable segment after the code: both usually
 * beyond the scanner's front window and before its tail (bash: .dynstr at 0x141e0, .dynamic at
 * 0x12b5e8 of 1.2 MB; libstdc++: .dynstr of 300 KB at 0x2d208). The string table's address is
 * known only once the dynamic section is read, which comes later, so while the file streams up to
 * the dynamic section this reader keeps the NUL-terminated strings that can be library names or
 * search paths (by their shape, with their file offsets; at most {@value #MAX_STRINGS} of them,
 * {@value #MAX_STRING} bytes each) and copies the dynamic section itself (at most
 * {@value #MAX_DYNAMIC} bytes). Strings are collected from every byte the scanner sees, since
 * patchelf puts a rewritten string table behind the dynamic section. Names are then looked up by file offset, including names the
 * linker stored as the tail of a longer string.
 */
final class DynamicReader {
    static final int MAX_DYNAMIC = 64 * 1024;
    static final int MAX_STRINGS = 4096;
    static final int MAX_STRING = 4096;
    static final int MAX_STRING_TABLE = 16 * 1024 * 1024;
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final long DT_NULL = 0;
    private static final long DT_NEEDED = 1;
    private static final long DT_STRTAB = 5;
    private static final long DT_STRSZ = 10;
    private static final long DT_SONAME = 14;
    private static final long DT_RPATH = 15;
    private static final long DT_RUNPATH = 29;
    private static final long DT_FLAGS_1 = 0x6ffffffbL;
    private static final long DF_1_PIE = 0x08000000L;

    private final boolean is64;
    private final ByteOrder order;
    private final long dynamicOffset;
    private final byte[] dynamic;
    private final List<long[]> loads; // {vaddr, offset, filesz}
    /**
     * The kept strings by file offset, in increasing order (bytes are fed in order): their bytes
     * copied one after another into {@code arena}, a String made only for a name looked up. Every
     * library fills up to {@value #MAX_STRINGS} of them, most from its code, so a sorted map of
     * Strings cost more than reading the library.
     */
    private long[] starts = new long[64];
    private int[] lengths = new int[64];
    private int[] places = new int[64];
    private byte[] arena = new byte[4096];
    private int arenaUsed;
    private int kept;
    private final byte[] current = new byte[MAX_STRING];
    private int currentLength;
    private long currentStart;
    private long nextOffset;
    private boolean currentTooLong;
    private int dynamicFilled;
    /** The file's first bytes, kept for {@link CpuDispatch} when asked for; null otherwise. */
    private byte[] front;
    private int frontFilled;
    private final int machine;
    /** The version sections, which lie before the dynamic section that locates them. */
    private final VersionCapture versions;

    private DynamicReader(boolean is64, ByteOrder order, int machine, long dynamicOffset, int dynamicSize, List<long[]> loads) {
        this.is64 = is64;
        this.machine = machine;
        this.order = order;
        this.dynamicOffset = dynamicOffset;
        this.dynamic = new byte[dynamicSize];
        this.loads = loads;
        this.versions = new VersionCapture(order);
    }

    /**
     * A reader for the file whose first bytes are {@code front}, or null when it has no dynamic
     * section whose program header lies in those bytes (a static program, or a header that is
     * not well formed: the main parser reports that).
     */
    static DynamicReader of(byte[] front, long size) {
        if (front.length < 52 || (front[4] != 1 && front[4] != 2) || (front[5] != 1 && front[5] != 2)) {
            return null;
        }
        boolean is64 = front[4] == 2;
        ByteOrder order = front[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        if (is64 && front.length < 64) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(front).order(order);
        int machine = Short.toUnsignedInt(h.getShort(18));
        long phoff = is64 ? h.getLong(32) : Integer.toUnsignedLong(h.getInt(28));
        int phentsize = Short.toUnsignedInt(h.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(h.getShort(is64 ? 56 : 44));
        if (phentsize < (is64 ? 56 : 32) || phoff < 0 || phoff > front.length || (long) phnum * phentsize > front.length - phoff) {
            return null;
        }
        long dynOffset = -1;
        long dynSize = 0;
        List<long[]> loads = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int base = (int) phoff + i * phentsize;
            int type = h.getInt(base);
            long offset = is64 ? h.getLong(base + 8) : Integer.toUnsignedLong(h.getInt(base + 4));
            long vaddr = is64 ? h.getLong(base + 16) : Integer.toUnsignedLong(h.getInt(base + 8));
            long filesz = is64 ? h.getLong(base + 32) : Integer.toUnsignedLong(h.getInt(base + 16));
            if (type == PT_LOAD) {
                loads.add(new long[] {vaddr, offset, filesz});
            } else if (type == PT_DYNAMIC && dynOffset < 0) {
                dynOffset = offset;
                dynSize = filesz;
            }
        }
        if (dynOffset < 0 || dynSize <= 0 || dynOffset > size || dynSize > size - dynOffset) {
            return null;
        }
        return new DynamicReader(is64, order, machine, dynOffset, (int) Math.min(dynSize, MAX_DYNAMIC), loads);
    }

    /**
     * The file offset up to which the stream must be read (not skipped) for this reader to see what
     * it needs: the end of the dynamic section, and once that is read, the end of the string table
     * when a tool such as patchelf moved it behind the dynamic section (at most
     * {@value #MAX_STRING_TABLE} bytes of it).
     */
    long readUntil() {
        long end = dynamicOffset + dynamic.length;
        if (dynamicFilled < dynamic.length) {
            return end;
        }
        Long strtab = null;
        long strsz = 0;
        int entry = is64 ? 16 : 8;
        ByteBuffer d = ByteBuffer.wrap(dynamic).order(order);
        for (int at = 0; at + entry <= dynamic.length; at += entry) {
            long tag = is64 ? d.getLong(at) : d.getInt(at);
            long value = is64 ? d.getLong(at + 8) : Integer.toUnsignedLong(d.getInt(at + 4));
            if (tag == DT_NULL) {
                break;
            }
            if (tag == DT_STRTAB) {
                strtab = fileOffset(value);
            } else if (tag == DT_STRSZ) {
                strsz = value;
            }
        }
        if (strtab == null || strtab < end || strsz <= 0) {
            return end;
        }
        return strtab + Math.min(strsz, MAX_STRING_TABLE);
    }

    /**
     * Keeps the file's first {@code max} bytes (fewer for a smaller file) as they are fed, so that
     * {@link #dispatch()} can read the symbol and relocation tables there; the caller feeds them
     * without a gap.
     */
    void keepFront(long size, int max) {
        front = new byte[(int) Math.min(size, max)];
    }

    /** The offset up to which the kept front still wants bytes (0 when none is kept). */
    long frontWanted() {
        return front == null ? 0 : front.length;
    }

    /** Takes the file's bytes [{@code offset}, {@code offset + length}), fed in increasing order of offset. */
    void feed(long offset, byte[] bytes, int from, int length) {
        long end = offset + length;
        if (front != null && offset <= frontFilled && end > frontFilled && frontFilled < front.length) {
            int n = (int) Math.min(end, front.length) - frontFilled;
            System.arraycopy(bytes, from + (int) (frontFilled - offset), front, frontFilled, n);
            frontFilled += n;
        }
        if (kept < MAX_STRINGS) {
            // Before the dynamic section in what linkers write; anywhere after patchelf rewrote the file.
            collectStrings(offset, bytes, from, length);
        }
        if (offset < dynamicOffset) {
            versions.feed(offset, bytes, from, (int) Math.min(length, dynamicOffset - offset));
        }
        long copyFrom = Math.max(offset, dynamicOffset);
        long copyTo = Math.min(end, dynamicOffset + dynamic.length);
        if (copyFrom < copyTo) {
            System.arraycopy(bytes, from + (int) (copyFrom - offset), dynamic, (int) (copyFrom - dynamicOffset), (int) (copyTo - copyFrom));
            dynamicFilled = (int) Math.max(dynamicFilled, copyTo - dynamicOffset);
        }
    }

    private void collectStrings(long offset, byte[] bytes, int from, int length) {
        if (offset != nextOffset) {
            // Bytes were skipped: the string in progress did not start where it seems to.
            currentLength = 0;
            currentTooLong = true;
        }
        nextOffset = offset + length;
        int end = from + length;
        int runStart = from;
        for (int i = from; i < end; i++) {
            if (bytes[i] == 0) {
                endOfString(bytes, runStart, i);
                currentStart = offset + (i - from) + 1;
                runStart = i + 1;
            }
        }
        carry(bytes, runStart, end);
    }

    /**
     * A NUL ends the string in progress: the bytes carried from earlier buffers, then
     * {@code bytes[from, to)}. Every byte of a library passes here, so a string is looked at where
     * it lies and a String is made only for one shaped like a name.
     */
    private void endOfString(byte[] bytes, int from, int to) {
        if (currentLength == 0 && !currentTooLong) {
            int n = to - from;
            if (n > 0 && n <= MAX_STRING && kept < MAX_STRINGS && mayBeName(bytes, from, to)) {
                keep(bytes, from, n);
            }
        } else {
            carry(bytes, from, to);
            if (currentLength > 0 && !currentTooLong && kept < MAX_STRINGS && mayBeName(current, 0, currentLength)) {
                keep(current, 0, currentLength);
            }
        }
        currentLength = 0;
        currentTooLong = false;
    }

    private void keep(byte[] bytes, int from, int n) {
        if (kept == starts.length) {
            starts = Arrays.copyOf(starts, kept * 2);
            lengths = Arrays.copyOf(lengths, kept * 2);
            places = Arrays.copyOf(places, kept * 2);
        }
        if (arenaUsed + n > arena.length) {
            arena = Arrays.copyOf(arena, Math.max(arena.length * 2, arenaUsed + n));
        }
        System.arraycopy(bytes, from, arena, arenaUsed, n);
        starts[kept] = currentStart;
        lengths[kept] = n;
        places[kept++] = arenaUsed;
        arenaUsed += n;
    }

    /** The index of the last kept string that starts at or before {@code offset}, or -1. */
    private int floor(long offset) {
        int low = 0;
        int high = kept - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (starts[mid] <= offset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    /** Keeps the start of a string that goes on in the next buffer. */
    private void carry(byte[] bytes, int from, int to) {
        int n = to - from;
        if (currentLength + n > MAX_STRING) {
            currentTooLong = true;
        } else {
            System.arraycopy(bytes, from, current, currentLength, n);
            currentLength += n;
        }
    }

    /**
     * A library file name ("libc.so.6", "ld-linux-x86-64.so.2", "x.so") or a search path
     * ("/opt/lib", "$ORIGIN/../lib"): ends with ".so", holds ".so." or "ORIGIN", or starts with "/".
     * Also a symbol version's name ({@link #mayBeVersion}) and glibc's build text ({@value #RELEASE}).
     */
    private static boolean mayBeName(byte[] b, int from, int to) {
        if (b[from] == '/' || mayBeVersion(b, from, to)) {
            return true;
        }
        if (to - from >= 3 && b[to - 3] == '.' && b[to - 2] == 's' && b[to - 1] == 'o') {
            return true;
        }
        for (int i = from; i < to; i++) {
            if (b[i] == '.' && i + 3 < to && b[i + 1] == 's' && b[i + 2] == 'o' && b[i + 3] == '.') {
                return true;
            }
            if (b[i] == ' ' && i + RELEASE.length() <= to && b[i + 1] == 'r' && b[i + 9] == 'v' && isRelease(b, i)) {
                return true;
            }
            if (b[i] == 'O' && i + 6 <= to && b[i + 1] == 'R' && b[i + 2] == 'I' && b[i + 3] == 'G' && b[i + 4] == 'I' && b[i + 5] == 'N') {
                return true;
            }
        }
        return false;
    }

    /**
     * A symbol version's name as glibc, GCC's runtimes and most libraries spell them ("GLIBC_2.2.5",
     * "GLIBCXX_3.4.30", "CXXABI_1.3.13", "GCC_3.0", "GLIBC_PRIVATE", "GLIBC_ABI_DT_RELR",
     * "OPENSSL_3.0.0"): an upper-case letter first, then upper-case letters, digits, '_' and '.',
     * with a '_'. Symbol names are rarely all upper case, so these add few strings to the kept ones.
     */
    private static boolean mayBeVersion(byte[] b, int from, int to) {
        if (to - from < 4 || to - from > 64 || b[from] < 'A' || b[from] > 'Z') {
            return false;
        }
        boolean underscore = false;
        for (int i = from + 1; i < to; i++) {
            byte c = b[i];
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.')) {
                return false;
            }
            underscore |= c == '_';
        }
        return underscore;
    }

    /** What glibc's libc.so.6 ("GNU C Library ") and loader ("ld.so ") print before it: PKGVERSION, RELEASE, then these words. */
    static final String RELEASE = " release version ";

    private static boolean isRelease(byte[] b, int at) {
        for (int k = 0; k < RELEASE.length(); k++) {
            if (b[at + k] != RELEASE.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    /** The dynamic section's entries, or null when the section was not wholly seen. */
    ElfDynamic result() {
        if (dynamicFilled < dynamic.length) {
            return null;
        }
        int entry = is64 ? 16 : 8;
        ByteBuffer d = ByteBuffer.wrap(dynamic).order(order);
        List<Long> neededOffsets = new ArrayList<>();
        Long strtab = null;
        Long soname = null;
        Long rpath = null;
        Long runpath = null;
        boolean pie = false;
        for (int at = 0; at + entry <= dynamic.length; at += entry) {
            long tag = is64 ? d.getLong(at) : d.getInt(at);
            long value = is64 ? d.getLong(at + 8) : Integer.toUnsignedLong(d.getInt(at + 4));
            if (tag == DT_NULL) {
                break;
            }
            if (tag == DT_NEEDED) {
                neededOffsets.add(value);
            } else if (tag == DT_STRTAB) {
                strtab = value;
            } else if (tag == DT_SONAME) {
                soname = value;
            } else if (tag == DT_RPATH) {
                rpath = value;
            } else if (tag == DT_RUNPATH) {
                runpath = value;
            } else if (tag == DT_FLAGS_1) {
                pie = (value & DF_1_PIE) != 0;
            }
        }
        Long tableOffset = strtab == null ? null : fileOffset(strtab);
        Names names = new Names(tableOffset);
        List<String> needed = new ArrayList<>();
        for (long n : neededOffsets) {
            String name = names.at(n);
            if (name != null) {
                needed.add(name);
            }
        }
        return new ElfDynamic(needed, names.at(runpath), names.at(rpath), names.at(soname), pie, names.complete);
    }

    /**
     * The evidence of run-time CPU dispatch in the kept front ({@link CpuDispatch}), null when none
     * was found, no front was kept, or the dynamic section was not wholly seen.
     */
    String dispatch() {
        if (front == null || dynamicFilled < dynamic.length) {
            return null;
        }
        return CpuDispatch.evidence(front, frontFilled, is64, order, machine, tags(), this::fileOffset);
    }

    /** The dynamic section's first value of each tag. */
    private Map<Long, Long> tags() {
        Map<Long, Long> tags = new HashMap<>();
        int entry = is64 ? 16 : 8;
        ByteBuffer d = ByteBuffer.wrap(dynamic).order(order);
        for (int at = 0; at + entry <= dynamic.length; at += entry) {
            long tag = is64 ? d.getLong(at) : d.getInt(at);
            if (tag == DT_NULL) {
                break;
            }
            tags.putIfAbsent(tag, is64 ? d.getLong(at + 8) : Integer.toUnsignedLong(d.getInt(at + 4)));
        }
        return tags;
    }

    /**
     * The symbol versions the file needs and defines ({@link VersionCapture}) and, for glibc's own
     * libc and loader, the build text after "GNU C Library " or "ld.so "; null when the dynamic
     * section was not wholly seen.
     */
    ElfVersions versions() {
        if (dynamicFilled < dynamic.length) {
            return null;
        }
        Map<Long, Long> tags = tags();
        Long strtab = tags.get(DT_STRTAB);
        Names names = new Names(strtab == null ? null : fileOffset(strtab));
        return versions.result(tags, this::fileOffset, names::at, release());
    }

    /** The kept string that holds glibc's build text, from its PKGVERSION's "(" to the version number. */
    private String release() {
        for (int e = 0; e < kept; e++) {
            byte first = arena[places[e]];
            if (first != 'G' && first != 'l') {
                continue;
            }
            String s = new String(arena, places[e], lengths[e], StandardCharsets.ISO_8859_1);
            int words = s.indexOf(RELEASE);
            if (words < 0 || !(s.startsWith("GNU C Library (") || s.startsWith("ld.so ("))) {
                continue;
            }
            int end = words + RELEASE.length();
            while (end < s.length() && (Character.isDigit(s.charAt(end)) || s.charAt(end) == '.')) {
                end++;
            }
            return s.substring(s.indexOf('('), s.charAt(end - 1) == '.' ? end - 1 : end);
        }
        return null;
    }

    /** Where the segment that holds virtual address {@code vaddr} keeps it in the file. */
    private Long fileOffset(long vaddr) {
        for (long[] load : loads) {
            long start = load[0];
            if (Long.compareUnsigned(vaddr, start) >= 0 && Long.compareUnsigned(vaddr - start, load[2]) < 0) {
                return load[1] + (vaddr - start);
            }
        }
        return null;
    }

    /** Looks names up among the kept strings by file offset, and remembers whether one was missing. */
    private final class Names {
        private final Long table;
        private boolean complete = true;

        Names(Long table) {
            this.table = table;
        }

        String at(Long index) {
            if (index == null) {
                return null;
            }
            if (table == null || index < 0) {
                complete = false;
                return null;
            }
            long offset = table + index;
            int e = floor(offset);
            if (e < 0 || offset - starts[e] >= lengths[e]) {
                complete = false;
                return null;
            }
            int skip = (int) (offset - starts[e]);
            return new String(arena, places[e] + skip, lengths[e] - skip, StandardCharsets.ISO_8859_1);
        }
    }
}
