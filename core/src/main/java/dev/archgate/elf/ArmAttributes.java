package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads Tag_CPU_arch from an ARM build attributes section (the "aeabi" vendor subsection of
 * .ARM.attributes), the one reliable record of the architecture level a compiler targeted:
 * ARMv7 code in an arm/v6 image runs under QEMU's default CPU and dies with SIGILL on a Pi Zero.
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

    private ArmAttributes() {}

    /** Tag_CPU_arch of the file-level attributes, or null when absent or unreadable. */
    static Integer cpuArch(ByteBuffer section) {
        try {
            if (section.remaining() < 1 || section.get() != FORMAT_VERSION) {
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
        } catch (RuntimeException e) {
            return null; // a corrupt attributes section leaves the level unknown
        }
    }

    private static Integer fileCpuArch(ByteBuffer b, int end) {
        while (b.position() < end) {
            int start = b.position();
            long tag = uleb(b);
            long size = Integer.toUnsignedLong(b.getInt());
            if (size < 5 || start + size > end) {
                return null;
            }
            int subEnd = (int) (start + size);
            if (tag == TAG_FILE) {
                while (b.position() < subEnd) {
                    long attribute = uleb(b);
                    if (attribute == TAG_CPU_ARCH) {
                        return (int) uleb(b);
                    }
                    skipValue(b, attribute, subEnd);
                }
            }
            b.position(subEnd);
        }
        return null;
    }

    /** Skips one attribute's value: most are ULEB128, some are NUL-terminated strings. */
    private static void skipValue(ByteBuffer b, long tag, int end) {
        if (tag == TAG_CPU_RAW_NAME || tag == TAG_CPU_NAME || tag == TAG_ALSO_COMPATIBLE_WITH || tag == TAG_CONFORMANCE) {
            string(b, end);
        } else if (tag == TAG_COMPATIBILITY) {
            uleb(b);
            string(b, end);
        } else if (tag > TAG_COMPATIBILITY && (tag & 1) == 1) {
            string(b, end); // unknown tags: odd ones carry strings, by the ABI's convention
        } else {
            uleb(b);
        }
    }

    private static long uleb(ByteBuffer b) {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            int x = b.get() & 0xff;
            value |= (long) (x & 0x7f) << shift;
            if ((x & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("ULEB128 value too long");
    }

    private static String string(ByteBuffer b, int end) {
        int start = b.position();
        while (b.position() < end && b.get() != 0) {
            // find the terminating NUL
        }
        return new String(b.array(), b.arrayOffset() + start, Math.max(0, b.position() - start - 1), StandardCharsets.ISO_8859_1);
    }
}
