package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Reads what the ELF header, the program headers (PT_INTERP) and the section headers (the ARM
 * attributes section) say, from the bytes the scanner kept; a structural fault becomes a
 * {@link ElfInfo.Kind#MALFORMED} result naming it.
 */
final class HeaderParser {
    private static final int MAX_INTERP = 4096;
    private static final int PT_INTERP = 3;
    private static final int SHT_ARM_ATTRIBUTES = 0x70000003;
    private static final int EM_ARM = 40;

    private final Window w;
    private final ArmAttributesCapture attributes;
    private ByteOrder order;
    private boolean is64;

    HeaderParser(Window w, ArmAttributesCapture attributes) {
        this.w = w;
        this.attributes = attributes;
    }

    ElfInfo parse() {
        byte[] f = w.front();
        if (f.length < 16) {
            return ElfInfo.malformed("truncated ELF identification (" + f.length + " of 16 bytes)");
        }
        if (f[4] != 1 && f[4] != 2) {
            return ElfInfo.malformed("unknown ELF class " + f[4] + " (1 or 2 expected)");
        }
        if (f[5] != 1 && f[5] != 2) {
            return ElfInfo.malformed("unknown ELF data encoding " + f[5] + " (1 or 2 expected)");
        }
        is64 = f[4] == 2;
        order = f[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        int elfClass = is64 ? 64 : 32;
        int headerSize = is64 ? 64 : 52;
        ByteBuffer h = w.slice(0, headerSize, order);
        if (h == null) {
            return ElfInfo.malformed("truncated ELF header (" + w.size() + " of " + headerSize + " bytes)");
        }
        int type = Short.toUnsignedInt(h.getShort(16));
        int machine = Short.toUnsignedInt(h.getShort(18));
        long phoff = is64 ? h.getLong(32) : Integer.toUnsignedLong(h.getInt(28));
        long shoff = is64 ? h.getLong(40) : Integer.toUnsignedLong(h.getInt(32));
        int flags = h.getInt(is64 ? 48 : 36);
        int phentsize = Short.toUnsignedInt(h.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(h.getShort(is64 ? 56 : 44));
        int shentsize = Short.toUnsignedInt(h.getShort(is64 ? 58 : 46));
        int shnum = Short.toUnsignedInt(h.getShort(is64 ? 60 : 48));

        String interpreter;
        try {
            interpreter = interpreter(phoff, phentsize, phnum);
        } catch (MalformedElf e) {
            return new ElfInfo(ElfInfo.Kind.MALFORMED, elfClass, order, machine, flags, type, null, null, null, e.getMessage(), null,
                    CpuFacts.NONE, HardwareFacts.NONE, ElfVersions.NONE);
        }
        Integer cpuArch = machine == EM_ARM ? armCpuArch(shoff, shentsize, shnum) : null;
        return new ElfInfo(ElfInfo.Kind.ELF, elfClass, order, machine, flags, type, interpreter, cpuArch, null, null, null, CpuFacts.NONE, HardwareFacts.NONE, ElfVersions.NONE);
    }

    private String interpreter(long phoff, int phentsize, int phnum) throws MalformedElf {
        if (phnum == 0) {
            return null;
        }
        int minEntry = is64 ? 56 : 32;
        if (phentsize < minEntry) {
            throw new MalformedElf("program header entries of " + phentsize + " bytes (at least " + minEntry + " expected)");
        }
        if (!w.within(phoff, (long) phnum * phentsize)) {
            throw new MalformedElf("program headers (" + phnum + " of " + phentsize + " bytes at offset " + Long.toUnsignedString(phoff)
                    + ") run past the end of the file (" + w.size() + " bytes)");
        }
        ByteBuffer ph = w.slice(phoff, (long) phnum * phentsize, order);
        if (ph == null) {
            return null; // not in the kept front part: unknown, which never fails a check by itself
        }
        for (int i = 0; i < phnum; i++) {
            int base = i * phentsize;
            if (ph.getInt(base) == PT_INTERP) {
                return interpreterPath(ph, base);
            }
        }
        return null;
    }

    private String interpreterPath(ByteBuffer ph, int base) throws MalformedElf {
        long offset = is64 ? ph.getLong(base + 8) : Integer.toUnsignedLong(ph.getInt(base + 4));
        long filesz = is64 ? ph.getLong(base + 32) : Integer.toUnsignedLong(ph.getInt(base + 16));
        if (filesz <= 0 || filesz > MAX_INTERP) {
            throw new MalformedElf("PT_INTERP of " + Long.toUnsignedString(filesz) + " bytes (1 to " + MAX_INTERP + " expected)");
        }
        if (!w.within(offset, filesz)) {
            throw new MalformedElf("PT_INTERP at offset " + Long.toUnsignedString(offset) + " runs past the end of the file");
        }
        ByteBuffer path = w.slice(offset, filesz, order);
        if (path == null) {
            return null;
        }
        byte[] bytes = new byte[(int) filesz];
        path.get(bytes);
        int end = 0;
        while (end < bytes.length && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
    }

    private Integer armCpuArch(long shoff, int shentsize, int shnum) {
        int minEntry = is64 ? 64 : 40;
        if (shoff == 0 || shnum == 0 || shentsize < minEntry) {
            return null;
        }
        ByteBuffer sh = w.slice(shoff, (long) shnum * shentsize, order);
        if (sh == null) {
            return null;
        }
        for (int i = 0; i < shnum; i++) {
            int base = i * shentsize;
            if (sh.getInt(base + 4) != SHT_ARM_ATTRIBUTES) {
                continue;
            }
            long offset = is64 ? sh.getLong(base + 24) : Integer.toUnsignedLong(sh.getInt(base + 16));
            long length = is64 ? sh.getLong(base + 32) : Integer.toUnsignedLong(sh.getInt(base + 20));
            ByteBuffer section = w.slice(offset, length, order);
            if (section != null) {
                return ArmAttributes.cpuArch(section);
            }
            return attributes == null ? null : attributes.cpuArchAt(offset, length);
        }
        return null;
    }

    /** A structural fault found while parsing; becomes a MALFORMED result, so it carries no stack trace. */
    private static final class MalformedElf extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedElf(String message) {
            super(message, null, false, false);
        }
    }
}
