package dev.archgate.elf;

import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the dynamic section of an ELF file that streams past once, and the tables it points to.
 * The dynamic section lies in the writable segment after the code, its tables (the dynamic string
 * table, .gnu.version_r and _d, the symbol and relocation tables) before it: their addresses are
 * known only once the dynamic section is read, so the bytes where linkers put them are kept as they
 * pass ({@link TableRegion}) and looked up afterwards by file offset. A table that lies behind the
 * dynamic section (patchelf moves a rewritten string table there) is kept when the stream reaches it.
 */
final class DynamicReader {
    static final int MAX_DYNAMIC = 64 * 1024;
    static final int MAX_STRING = 4096;
    static final int MAX_STRING_TABLE = 16 * 1024 * 1024;
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
    private final int machine;
    private final long dynamicOffset;
    private final byte[] dynamic;
    private int dynamicFilled;
    private final List<long[]> loads; // {vaddr, offset, filesz}
    private final KeptBytes kept;
    /** The dynamic section's first value of each tag, once it is wholly seen. */
    private Map<Long, Long> tags;

    private DynamicReader(TableRegion region, ScanBuffers buffers) throws InterruptedIOException {
        this.is64 = region.is64();
        this.order = region.order();
        this.machine = region.machine();
        this.dynamicOffset = region.dynamicOffset();
        this.dynamic = new byte[(int) Math.min(region.dynamicSize(), MAX_DYNAMIC)];
        this.loads = region.loads();
        this.kept = new KeptBytes(buffers, order);
        for (long[] r : region.ranges()) {
            kept.keep(r[0], r[1]);
        }
    }

    /**
     * A reader for the file whose first bytes are {@code front}, or null when it has no dynamic
     * section whose program header lies in those bytes (a static program, or a header that is
     * not well formed: the main parser reports that).
     */
    static DynamicReader of(byte[] front, long size, ScanBuffers buffers) throws InterruptedIOException {
        TableRegion region = TableRegion.of(front, size);
        return region == null ? null : new DynamicReader(region, buffers);
    }

    /** The file offset up to which the stream must be read (not skipped) for this reader to see what it needs. */
    long readUntil() {
        return Math.max(dynamicOffset + dynamic.length, kept.end());
    }

    /** Takes the file's bytes [{@code offset}, {@code offset + length}), fed in increasing order of offset. */
    void feed(long offset, byte[] bytes, int from, int length) throws InterruptedIOException {
        long copyFrom = Math.max(offset, dynamicOffset);
        long copyTo = Math.min(offset + length, dynamicOffset + dynamic.length);
        if (copyFrom < copyTo) {
            System.arraycopy(bytes, from + (int) (copyFrom - offset), dynamic, (int) (copyFrom - dynamicOffset), (int) (copyTo - copyFrom));
            dynamicFilled = (int) Math.max(dynamicFilled, copyTo - dynamicOffset);
            if (dynamicFilled == dynamic.length && tags == null) {
                tags = tags();
                keepTablesBehind(offset);
            }
        }
        kept.feed(offset, bytes, from, length);
    }

    /** Keeps the tables that lie at or after {@code position}, which the stream has not passed yet (files patchelf rewrote). */
    private void keepTablesBehind(long position) throws InterruptedIOException {
        Long strtab = offsetOf(DT_STRTAB);
        long strsz = tags.getOrDefault(DT_STRSZ, 0L);
        if (strtab != null && strtab >= position && strsz > 0 && !kept.covers(strtab, strsz)) {
            kept.keep(strtab, strtab + Math.min(strsz, MAX_STRING_TABLE));
        }
        for (long tag : VersionTables.TAGS) {
            Long at = offsetOf(tag);
            if (at != null && at >= position && !kept.covers(at, VersionTables.MAX_BYTES)) {
                kept.keep(at, at + VersionTables.MAX_BYTES);
            }
        }
    }

    /** The dynamic section's entries, or null when the section was not wholly seen. */
    ElfDynamic result() {
        if (tags == null) {
            return null;
        }
        List<String> needed = new ArrayList<>();
        Names names = new Names();
        int entry = is64 ? 16 : 8;
        ByteBuffer d = ByteBuffer.wrap(dynamic).order(order);
        for (int at = 0; at + entry <= dynamic.length; at += entry) {
            long tag = is64 ? d.getLong(at) : d.getInt(at);
            if (tag == DT_NULL) {
                break;
            }
            if (tag == DT_NEEDED) {
                String name = names.at(is64 ? d.getLong(at + 8) : Integer.toUnsignedLong(d.getInt(at + 4)));
                if (name != null) {
                    needed.add(name);
                }
            }
        }
        boolean pie = (tags.getOrDefault(DT_FLAGS_1, 0L) & DF_1_PIE) != 0;
        return new ElfDynamic(needed, names.at(tags.get(DT_RUNPATH)), names.at(tags.get(DT_RPATH)), names.at(tags.get(DT_SONAME)), pie,
                names.complete);
    }

    /**
     * The evidence of run-time CPU dispatch in the kept tables ({@link CpuDispatch}), null when none
     * was found or the dynamic section was not wholly seen.
     */
    String dispatch() {
        return tags == null ? null : CpuDispatch.evidence(kept, is64, machine, tags, this::fileOffset);
    }

    /**
     * The symbol versions the file needs and defines ({@link VersionTables}), with {@code release},
     * glibc's build text when the file is glibc's libc or loader; null when the dynamic section was
     * not wholly seen.
     */
    ElfVersions versions(String release) {
        if (tags == null) {
            return null;
        }
        Names names = new Names();
        return new VersionTables(order, at -> kept.from(at, VersionTables.MAX_BYTES)).result(tags, this::fileOffset, names::at, release);
    }

    /** The dynamic section's first value of each tag. */
    private Map<Long, Long> tags() {
        Map<Long, Long> out = new HashMap<>();
        int entry = is64 ? 16 : 8;
        ByteBuffer d = ByteBuffer.wrap(dynamic).order(order);
        for (int at = 0; at + entry <= dynamic.length; at += entry) {
            long tag = is64 ? d.getLong(at) : d.getInt(at);
            if (tag == DT_NULL) {
                break;
            }
            out.putIfAbsent(tag, is64 ? d.getLong(at + 8) : Integer.toUnsignedLong(d.getInt(at + 4)));
        }
        return out;
    }

    private Long offsetOf(long tag) {
        Long address = tags.get(tag);
        return address == null ? null : fileOffset(address);
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

    /** Reads names from the kept string table by index, and remembers whether one could not be read. */
    private final class Names {
        private final Long table = offsetOf(DT_STRTAB);
        private final long size = tags.getOrDefault(DT_STRSZ, Long.MAX_VALUE);
        private boolean complete = true;

        String at(Long index) {
            if (index == null) {
                return null;
            }
            ByteBuffer b = table == null || index < 0 || index >= size ? null : kept.from(table + index, Math.min(MAX_STRING, size - index));
            for (int i = 0; b != null && i < b.limit(); i++) {
                if (b.get(i) == 0) {
                    byte[] name = new byte[i];
                    b.get(0, name);
                    return new String(name, StandardCharsets.ISO_8859_1);
                }
            }
            complete = false;
            return null;
        }
    }
}
