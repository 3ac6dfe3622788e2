package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a dynamically linked file's dynamic tables lie, as far as its program headers tell before
 * the dynamic section is read: the file range {@link DynamicReader} keeps. Linkers put .dynsym,
 * .dynstr, .gnu.version_d/_r and the relocation tables before the code in the first segment, which
 * is read-only where code has segments of its own (GNU ld's {@code -z separate-code}, the default
 * for x86 since binutils 2.31; lld; GNU ld linking Go programs) and is the code's segment elsewhere
 * (GNU ld for every other Debian architecture, gold); Go's own linker puts them after the code, in
 * the read-only data segment (its {@code go} command: .dynstr at 0x741aa0 of 10 MB, the dynamic
 * section at 0x9ed220). So a file keeps: everything before its dynamic section when that is at most
 * {@value #WHOLE} bytes (any layout); else its first segment when that is not executable (Debian
 * 12's amd64 libraries: 35 MB of tables in 256 MB of bytes before their dynamic sections); else
 * everything before the dynamic section up to {@link ScanBuffers#MAX_KEPT} bytes, and beyond that
 * half of it from the start of the code's segment (GNU ld, gold) and half from the first read-only
 * segment that is not executable (Go).
 *
 * @param loads the PT_LOAD segments, {vaddr, offset, filesz}
 * @param ranges the file ranges to keep, {start, end}, in increasing order
 */
record TableRegion(boolean is64, ByteOrder order, int machine, long dynamicOffset, long dynamicSize, List<long[]> loads,
                   List<long[]> ranges) {
    static final int WHOLE = 2 << 20;
    private static final int PT_LOAD = 1;
    private static final int PT_DYNAMIC = 2;
    private static final int PF_X = 1;
    private static final int PF_W = 2;

    /** The region of the file whose first bytes are {@code front}; null when it has no dynamic section whose header lies there. */
    static TableRegion of(byte[] front, long size) {
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
        long[] first = null; // {offset, end, flags} of the segment that starts the file
        long[] readOnly = null; // the same of the first read-only segment that is not executable
        for (int i = 0; i < phnum; i++) {
            int base = (int) phoff + i * phentsize;
            int type = h.getInt(base);
            int flags = is64 ? h.getInt(base + 4) : h.getInt(base + 24);
            long offset = is64 ? h.getLong(base + 8) : Integer.toUnsignedLong(h.getInt(base + 4));
            long vaddr = is64 ? h.getLong(base + 16) : Integer.toUnsignedLong(h.getInt(base + 8));
            long filesz = is64 ? h.getLong(base + 32) : Integer.toUnsignedLong(h.getInt(base + 16));
            if (type == PT_LOAD) {
                loads.add(new long[] {vaddr, offset, filesz});
                long[] segment = {offset, offset + filesz, flags};
                first = offset == 0 && first == null ? segment : first;
                readOnly = readOnly == null && (flags & (PF_X | PF_W)) == 0 && offset > 0 ? segment : readOnly;
            } else if (type == PT_DYNAMIC && dynOffset < 0) {
                dynOffset = offset;
                dynSize = filesz;
            }
        }
        if (dynOffset < 0 || dynSize <= 0 || dynOffset > size || dynSize > size - dynOffset) {
            return null;
        }
        List<long[]> ranges = List.of(new long[] {0, dynOffset});
        if (dynOffset > WHOLE && first != null && (first[2] & PF_X) == 0) {
            ranges = List.of(new long[] {0, Math.min(first[1], dynOffset)});
        } else if (dynOffset > ScanBuffers.MAX_KEPT && readOnly != null && readOnly[0] < dynOffset) {
            long half = ScanBuffers.MAX_KEPT / 2;
            ranges = List.of(new long[] {0, Math.min(half, readOnly[0])}, new long[] {readOnly[0], Math.min(readOnly[1], dynOffset)});
        }
        return new TableRegion(is64, order, machine, dynOffset, dynSize, loads, ranges);
    }
}
