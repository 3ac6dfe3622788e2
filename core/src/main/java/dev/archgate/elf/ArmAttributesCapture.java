package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what looks like an ARM attributes section (format 'A', a subsection length, vendor
 * "aeabi") as a 32-bit ARM file streams past, with its file offset, so that the section the
 * section headers name can be read even when it lies outside the scanner's tail window. GNU ld
 * puts .ARM.attributes before .symtab and .strtab, so in an unstripped program (a static one
 * carries glibc's symbols: 90 KB of them after the attributes of a 455 KB armhf program) the
 * section is far from the end, and without this its level went unread and the file passed.
 * Only the candidate at the offset the section headers give is ever used; at most
 * {@value #MAX_CANDIDATES} of {@value #MAX_SECTION} bytes each are kept.
 */
final class ArmAttributesCapture {
    static final int MAX_CANDIDATES = 16;
    static final int MAX_SECTION = 4096;
    /** 'A', a 4-byte length, "aeabi", NUL. */
    private static final int HEAD = 11;
    private static final byte[] VENDOR = {'a', 'e', 'a', 'b', 'i', 0};

    private final ByteOrder order;
    private final byte[] last = new byte[HEAD - 1];
    private int lastFilled;
    private long next;
    private final List<Long> offsets = new ArrayList<>();
    private final List<byte[]> sections = new ArrayList<>();
    private int capturing = -1;
    private int captured;

    private final long start;

    /**
     * @param start where the search starts: the end of the file's loadable segments, behind which
     *     linkers put the sections that are not loaded (.ARM.attributes among them), so the code
     *     and data, most of a file, are not searched
     */
    ArmAttributesCapture(ByteOrder order, long start) {
        this.order = order;
        this.start = start;
    }

    /** Takes the file's bytes [{@code offset}, {@code offset + length}), fed in increasing order of offset. */
    void feed(long offset, byte[] bytes, int from, int length) {
        if (offset + length <= start) {
            next = offset + length;
            return;
        }
        if (offset < start) {
            int skip = (int) (start - offset);
            offset += skip;
            from += skip;
            length -= skip;
            lastFilled = 0;
            next = offset;
        }
        if (offset != next) {
            lastFilled = 0; // bytes were skipped: nothing carries over
            capturing = -1;
        }
        next = offset + length;
        int end = from + length;
        int i = capturing >= 0 ? capture(bytes, from, end) : from;
        for (; i < end; i++) {
            if (bytes[i] != 0) {
                continue;
            }
            // Most NULs end no "aeabi": look at the bytes in place before copying any.
            if (i - from >= HEAD - 1 && (bytes[i - 1] != 'i' || bytes[i - 2] != 'b' || bytes[i - 5] != 'a' || bytes[i - 10] != 'A')) {
                continue;
            }
            byte[] h = head(bytes, from, i);
            if (h == null || !matches(h)) {
                continue;
            }
            long sectionLength = 1 + Integer.toUnsignedLong(ByteBuffer.wrap(h).order(order).getInt(1));
            if (offsets.size() >= MAX_CANDIDATES || sectionLength < HEAD || sectionLength > MAX_SECTION) {
                continue;
            }
            byte[] section = new byte[(int) sectionLength];
            System.arraycopy(h, 0, section, 0, HEAD);
            sections.add(section);
            offsets.add(offset + (i - from) - (HEAD - 1));
            capturing = sections.size() - 1;
            captured = HEAD;
            i = capture(bytes, i + 1, end) - 1;
        }
        remember(bytes, from, end);
    }

    /** Tag_CPU_arch of the whole section kept at file offset {@code offset} with {@code length} bytes, null when none was kept. */
    Integer cpuArchAt(long offset, long length) {
        int k = offsets.indexOf(offset);
        if (k < 0 || sections.get(k).length != length || (k == capturing)) {
            return null;
        }
        return ArmAttributes.cpuArch(ByteBuffer.wrap(sections.get(k)).order(order));
    }

    private int capture(byte[] bytes, int from, int end) {
        byte[] section = sections.get(capturing);
        int n = Math.min(end - from, section.length - captured);
        System.arraycopy(bytes, from, section, captured, n);
        captured += n;
        if (captured == section.length) {
            capturing = -1;
        }
        return from + n;
    }

    private static boolean matches(byte[] h) {
        if (h[0] != 'A') {
            return false;
        }
        for (int k = 0; k < VENDOR.length; k++) {
            if (h[5 + k] != VENDOR[k]) {
                return false;
            }
        }
        return true;
    }

    /** The {@value #HEAD} bytes that end at {@code bytes[nul]}, from this feed and the end of the last; null when fewer were seen. */
    private byte[] head(byte[] bytes, int from, int nul) {
        int inThis = nul - from + 1;
        if (inThis >= HEAD) {
            byte[] h = new byte[HEAD];
            System.arraycopy(bytes, nul - HEAD + 1, h, 0, HEAD);
            return h;
        }
        int fromLast = HEAD - inThis;
        if (fromLast > lastFilled) {
            return null;
        }
        byte[] h = new byte[HEAD];
        System.arraycopy(last, lastFilled - fromLast, h, 0, fromLast);
        System.arraycopy(bytes, from, h, fromLast, inThis);
        return h;
    }

    private void remember(byte[] bytes, int from, int end) {
        int n = end - from;
        if (n >= last.length) {
            System.arraycopy(bytes, end - last.length, last, 0, last.length);
            lastFilled = last.length;
        } else {
            int keep = Math.min(lastFilled, last.length - n);
            System.arraycopy(last, lastFilled - keep, last, 0, keep);
            System.arraycopy(bytes, from, last, keep, n);
            lastFilled = keep + n;
        }
    }
}
