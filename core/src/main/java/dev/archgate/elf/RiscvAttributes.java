package dev.archgate.elf;

import java.nio.ByteBuffer;

/**
 * Reads Tag_RISCV_arch from a RISC-V attributes section (.riscv.attributes, SHT_RISCV_ATTRIBUTES
 * 0x70000003, vendor "riscv"): the ISA string of every extension the linked objects were built
 * for, merged by the linker into a superset, e.g. "rv64i2p1_m2p0_a2p1_f2p2_d2p2_c2p0_zicsr2p0".
 * Tag numbers are binutils' include/elf/riscv.h (Tag_RISCV_stack_align 4, Tag_RISCV_arch 5,
 * Tag_RISCV_unaligned_access 6, Tag_RISCV_priv_spec 8, 10, 12); the RISC-V psABI (riscv-elf.adoc,
 * "Attributes") adds 14 and 16 and fixes the rule that lets unknown tags be skipped: an odd tag
 * carries a NUL-terminated string, an even one a ULEB128.
 */
final class RiscvAttributes {
    private static final int TAG_ARCH = 5;

    private RiscvAttributes() {}

    /** Tag_RISCV_arch of the file-level attributes, or null when absent or unreadable. */
    static String arch(ByteBuffer section) {
        int end = ElfAttributes.fileAttributes(section, "riscv");
        while (end >= 0 && section.position() < end) {
            long tag = ElfAttributes.uleb(section, end);
            if (tag == ElfAttributes.BAD) {
                return null;
            }
            if (tag == TAG_ARCH) {
                String arch = ElfAttributes.string(section, end);
                return arch.isEmpty() ? null : arch;
            }
            if ((tag & 1) == 1) {
                ElfAttributes.string(section, end);
            } else if (ElfAttributes.uleb(section, end) == ElfAttributes.BAD) {
                return null;
            }
        }
        return null;
    }
}
