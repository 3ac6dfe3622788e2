package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Reads GNU_PROPERTY_X86_ISA_1_NEEDED from an x86-64 file's NT_GNU_PROPERTY_TYPE_0 note, found
 * through PT_GNU_PROPERTY or, for linkers that write no such header, the PT_NOTE segments. Only
 * what lies in the kept front of the file is read (the note sits right after the program
 * headers); every length is checked, and anything malformed or out of reach is "not recorded".
 */
final class GnuPropertyNote {
    private static final int PT_NOTE = 4;
    private static final int PT_GNU_PROPERTY = 0x6474e553;
    private static final int NT_GNU_PROPERTY_TYPE_0 = 5;
    private static final int GNU_PROPERTY_X86_ISA_1_NEEDED = 0xc0008002;
    private static final int EM_X86_64 = 62;
    private static final int MAX_NOTE = 64 * 1024;

    private GnuPropertyNote() {}

    /** The ISA_1_NEEDED bits of an x86-64 ELF file, null when it records none. */
    static Integer x86IsaNeeded(Window w) {
        byte[] f = w.front();
        if (f.length < 64 || f[4] != 2 || f[5] != 1) {
            return null; // x86-64 files are 64-bit little-endian
        }
        ByteBuffer h = ByteBuffer.wrap(f, 0, 64).slice().order(ByteOrder.LITTLE_ENDIAN);
        if (Short.toUnsignedInt(h.getShort(18)) != EM_X86_64) {
            return null;
        }
        long phoff = h.getLong(32);
        int phentsize = Short.toUnsignedInt(h.getShort(54));
        int phnum = Short.toUnsignedInt(h.getShort(56));
        if (phentsize < 56 || phnum == 0) {
            return null;
        }
        ByteBuffer ph = w.slice(phoff, (long) phnum * phentsize, ByteOrder.LITTLE_ENDIAN);
        if (ph == null) {
            return null;
        }
        Integer fromNotes = null;
        for (int i = 0; i < phnum; i++) {
            int base = i * phentsize;
            int type = ph.getInt(base);
            if (type != PT_GNU_PROPERTY && type != PT_NOTE) {
                continue;
            }
            Integer found = inSegment(w, ph.getLong(base + 8), ph.getLong(base + 32));
            if (type == PT_GNU_PROPERTY && found != null) {
                return found;
            }
            fromNotes = fromNotes != null ? fromNotes : found;
        }
        return fromNotes;
    }

    private static Integer inSegment(Window w, long offset, long size) {
        if (size <= 0 || size > MAX_NOTE) {
            return null;
        }
        ByteBuffer notes = w.slice(offset, size, ByteOrder.LITTLE_ENDIAN);
        if (notes == null) {
            return null;
        }
        int at = 0;
        while (at + 12 <= notes.limit()) {
            long namesz = Integer.toUnsignedLong(notes.getInt(at));
            long descsz = Integer.toUnsignedLong(notes.getInt(at + 4));
            int type = notes.getInt(at + 8);
            long nameEnd = at + 12 + namesz;
            long descStart = align(nameEnd, 4);
            long descEnd = descStart + descsz;
            if (descEnd > notes.limit()) {
                return null;
            }
            if (type == NT_GNU_PROPERTY_TYPE_0 && namesz == 4 && notes.get(at + 12) == 'G' && notes.get(at + 13) == 'N'
                    && notes.get(at + 14) == 'U' && notes.get(at + 15) == 0) {
                Integer needed = property(notes, (int) descStart, (int) descEnd);
                if (needed != null) {
                    return needed;
                }
            }
            // Notes in 64-bit files are 8-aligned in PT_GNU_PROPERTY and 4-aligned elsewhere; a
            // property note is 8-aligned by construction, so 4 serves both here.
            at = (int) align(descEnd, 4);
        }
        return null;
    }

    /** Properties are (type, size, data) padded to 8 bytes in a 64-bit file. */
    private static Integer property(ByteBuffer notes, int start, int end) {
        int at = start;
        while (at + 8 <= end) {
            int type = notes.getInt(at);
            long size = Integer.toUnsignedLong(notes.getInt(at + 4));
            if (at + 8 + size > end) {
                return null;
            }
            if (type == GNU_PROPERTY_X86_ISA_1_NEEDED && size == 4) {
                return notes.getInt(at + 8);
            }
            at = (int) align(at + 8 + size, 8);
        }
        return null;
    }

    private static long align(long value, int to) {
        return (value + to - 1) & -to;
    }
}
