package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads Tag_CPU_arch from an ARM build attributes section (the "aeabi" vendor subsection of
 * .ARM.attributes), the one reliable record of the architecture level a compiler targeted:
 * ARMv7 code in an arm/v6 image runs under QEMU's default CPU and dies with SIGILL on a Pi Zero.
 * Every length in the section is checked against what is left, so a corrupt section leaves the
 * level unknown instead of failing.
 */
final class ArmAttributes {
    private static final int FORMAT_VERSION = 'A';
    private static final int TAG_FILE = 1;
    private static final int TAG_CPU_RAW_NAME = 4;
    private static final int TAG_CPU_NAME = 5;
    private static final int TAG_CPU_ARCH = 6;
    private static final int TAG_COMPATIBILITY = 32;
    private static final int TAG_ALSO_COMPATIBLE_WITH = 65;
    private static final int TAG_CONFORMANCE = 67;
    /** What {@link #uleb} returns for a value that is cut off or wider than 63 bits. */
    private static final long BAD = -1;

    private ArmAttributes() {}

    /** Tag_CPU_arch of the file-level attributes, or null when absent or unreadable. */
    static Integer cpuArch(ByteBuffer section) {
        if (!section.hasRemaining() || section.get() != FORMAT_VERSION) {
            return null;
        }
        while (section.remaining() >= 4) {
            int start = section.position();
            long length = Integer.toUnsignedLong(section.getInt());
            if (length < 4 || length > section.remaining() + 4L) {
                return null;
            }
            int end = (int) (start + length);
            String vendor = string(section, end);
            if ("aeabi".equals(vendor)) {
                return fileCpuArch(section, end);
            }
            section.position(end);
        }
        return null;
    }

    private static Integer fileCpuArch(ByteBuffer b, int end) {
        while (end - b.position() >= 5) {
            int start = b.position();
            long tag = uleb(b, end);
            if (tag == BAD || end - b.position() < 4) {
                return null;
            }
            long size = Integer.toUnsignedLong(b.getInt());
            if (size < 5 || size > end - start) {
                return null;
            }
            int subEnd = (int) (start + size);
            if (tag == TAG_FILE) {
                return attribute(b, subEnd, TAG_CPU_ARCH);
            }
            b.position(subEnd); // section- and symbol-level attributes say nothing about the whole file
        }
        return null;
    }

    /** The ULEB128 value of attribute {@code wanted} in [position, end), or null. */
    private static Integer attribute(ByteBuffer b, int end, int wanted) {
        while (b.position() < end) {
            long tag = uleb(b, end);
            if (tag == BAD) {
                return null;
            }
            if (tag == wanted) {
                long value = uleb(b, end);
                return value == BAD || value > Integer.MAX_VALUE ? null : (int) value;
            }
            if (!skipValue(b, tag, end)) {
                return null;
            }
        }
        return null;
    }

    /** Skips one attribute's value: most are ULEB128, some are NUL-terminated strings. */
    private static boolean skipValue(ByteBuffer b, long tag, int end) {
        if (tag == TAG_CPU_RAW_NAME || tag == TAG_CPU_NAME || tag == TAG_ALSO_COMPATIBLE_WITH || tag == TAG_CONFORMANCE) {
            string(b, end);
            return true;
        }
        if (tag == TAG_COMPATIBILITY) {
            if (uleb(b, end) == BAD) {
                return false;
            }
            string(b, end);
            return true;
        }
        if (tag > TAG_COMPATIBILITY && (tag & 1) == 1) {
            string(b, end); // unknown tags from 32 on: odd ones carry strings, by the ABI's convention
            return true;
        }
        return uleb(b, end) != BAD;
    }

    private static long uleb(ByteBuffer b, int end) {
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
    private static String string(ByteBuffer b, int end) {
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
