package dev.archgate.elf;

import java.nio.ByteBuffer;

/**
 * Reads Tag_CPU_arch from an ARM build attributes section (the "aeabi" vendor subsection of
 * .ARM.attributes), the one reliable record of the architecture level a compiler targeted:
 * ARMv7 code in an arm/v6 image runs under QEMU's default CPU and dies with SIGILL on a Pi Zero.
 * Every length in the section is checked against what is left, so a corrupt section leaves the
 * level unknown instead of failing.
 */
final class ArmAttributes {
    private static final int TAG_CPU_RAW_NAME = 4;
    private static final int TAG_CPU_NAME = 5;
    private static final int TAG_CPU_ARCH = 6;
    private static final int TAG_COMPATIBILITY = 32;
    private static final int TAG_ALSO_COMPATIBLE_WITH = 65;
    private static final int TAG_CONFORMANCE = 67;
    private static final long BAD = ElfAttributes.BAD;

    private ArmAttributes() {}

    /** Tag_CPU_arch of the file-level attributes, or null when absent or unreadable. */
    static Integer cpuArch(ByteBuffer section) {
        int end = ElfAttributes.fileAttributes(section, "aeabi");
        return end < 0 ? null : attribute(section, end, TAG_CPU_ARCH);
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
        return ElfAttributes.uleb(b, end);
    }

    private static String string(ByteBuffer b, int end) {
        return ElfAttributes.string(b, end);
    }
}
