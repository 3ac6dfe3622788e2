package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The build attributes section format that ARM and RISC-V share (the ARM ELF ABI's "build
 * attributes"; the RISC-V psABI's riscv-elf.adoc, "Layout of .riscv.attributes section"): a
 * format version 'A', then vendor subsections (a uint32 length, the vendor's name as a
 * NUL-terminated string), each holding sub-subsections (a ULEB128 tag, a uint32 length) of
 * tag/value pairs; the sub-subsection with tag Tag_File (1) describes the whole file. Every length
 * is checked against what is left, so a corrupt section gives null rather than failing.
 */
final class ElfAttributes {
    /** What {@link #uleb} returns for a value that is cut off or wider than 63 bits. */
    static final long BAD = -1;
    private static final int FORMAT_VERSION = 'A';
    private static final int TAG_FILE = 1;

    private ElfAttributes() {}

    /**
     * Positions {@code section} at the first attribute of {@code vendor}'s Tag_File sub-subsection
     * and returns where that sub-subsection ends; -1 when the section holds none.
     */
    static int fileAttributes(ByteBuffer section, String vendor) {
        if (!section.hasRemaining() || section.get() != FORMAT_VERSION) {
            return -1;
        }
        while (section.remaining() >= 4) {
            int start = section.position();
            long length = Integer.toUnsignedLong(section.getInt());
            if (length < 4 || length > section.remaining() + 4L) {
                return -1;
            }
            int end = (int) (start + length);
            if (vendor.equals(string(section, end))) {
                return fileSubsection(section, end);
            }
            section.position(end);
        }
        return -1;
    }

    private static int fileSubsection(ByteBuffer b, int end) {
        while (end - b.position() >= 5) {
            int start = b.position();
            long tag = uleb(b, end);
            if (tag == BAD || end - b.position() < 4) {
                return -1;
            }
            long size = Integer.toUnsignedLong(b.getInt());
            if (size < 5 || size > end - start) {
                return -1;
            }
            if (tag == TAG_FILE) {
                return (int) (start + size);
            }
            b.position((int) (start + size)); // section- and symbol-level attributes say nothing about the whole file
        }
        return -1;
    }

    static long uleb(ByteBuffer b, int end) {
        long value = 0;
        for (int shift = 0; shift < 63 && b.position() < end; shift += 7) {
            int x = b.get() & 0xff;
            value |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return value;
            }
        }
        return BAD;
    }

    /** The NUL-terminated string at the position (or up to {@code end} when unterminated), consumed. */
    static String string(ByteBuffer b, int end) {
        int start = b.position();
        int nul = start;
        while (nul < end && b.get(nul) != 0) {
            nul++;
        }
        b.position(Math.min(end, nul + 1));
        byte[] bytes = new byte[nul - start];
        b.get(start, bytes);
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
