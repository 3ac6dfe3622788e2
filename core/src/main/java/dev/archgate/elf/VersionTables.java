package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Reads .gnu.version_r and .gnu.version_d (what a file needs from each library and what it defines)
 * at the file offsets the dynamic section gives (DT_VERNEED, DT_VERDEF), from the bytes the
 * scanner kept: linkers put both sections right after .dynstr and .gnu.version, before the code
 * (Debian's libc.so.6: .gnu.version_d at 0x23f80, .gnu.version_r at 0x244e8, .dynamic at
 * 0x1d2b60), where {@link TableRegion} keeps them. At most {@value #MAX_BYTES} bytes of each are read.
 */
final class VersionTables {
    static final int MAX_BYTES = 64 * 1024;
    private static final long DT_VERDEF = 0x6ffffffcL;
    private static final long DT_VERDEFNUM = 0x6ffffffdL;
    private static final long DT_VERNEED = 0x6ffffffeL;
    private static final long DT_VERNEEDNUM = 0x6fffffffL;
    /** The tags whose sections are read. */
    static final long[] TAGS = {DT_VERNEED, DT_VERDEF};
    private static final int VER_FLG_BASE = 1;
    private static final int MAX_ENTRIES = 4096;

    private final ByteOrder order;
    private final LongFunction<ByteBuffer> bytesAt;

    /** @param bytesAt the kept bytes from a file offset on, null when that offset was not kept */
    VersionTables(ByteOrder order, LongFunction<ByteBuffer> bytesAt) {
        this.order = order;
        this.bytesAt = bytesAt;
    }

    /**
     * The versions the dynamic section's {@code tags} name, read from the kept regions.
     *
     * @param fileOffset where a virtual address lies in the file (null when no PT_LOAD maps it)
     * @param string the dynamic string table's string at an index, null when it was not kept
     * @param release the glibc build text this file carries, or null
     */
    ElfVersions result(Map<Long, Long> tags, LongFunction<Long> fileOffset, LongFunction<String> string, String release) {
        Reader r = new Reader(fileOffset, string);
        List<ElfVersions.Need> needs = r.needs(tags.get(DT_VERNEED), tags.get(DT_VERNEEDNUM));
        List<ElfVersions.Version> defines = r.defines(tags.get(DT_VERDEF), tags.get(DT_VERDEFNUM));
        if (needs.isEmpty() && defines.isEmpty() && release == null && r.complete) {
            return ElfVersions.NONE;
        }
        return new ElfVersions(needs, defines, release, r.complete);
    }

    /** Walks the two sections in the kept regions, and remembers whether anything was missing. */
    private final class Reader {
        private final LongFunction<Long> fileOffset;
        private final LongFunction<String> string;
        private boolean complete = true;

        Reader(LongFunction<Long> fileOffset, LongFunction<String> string) {
            this.fileOffset = fileOffset;
            this.string = string;
        }

        List<ElfVersions.Need> needs(Long address, Long count) {
            List<ElfVersions.Need> out = new ArrayList<>();
            ByteBuffer at = start(address, count);
            long n = count == null ? 0 : Math.min(count, MAX_ENTRIES);
            for (long e = 0; at != null && e < n; e++) {
                int p = at.position();
                if (at.remaining() < 16) {
                    complete = false;
                    break;
                }
                int cnt = Short.toUnsignedInt(at.getShort(p + 2));
                String file = string.apply(Integer.toUnsignedLong(at.getInt(p + 4)));
                long aux = Integer.toUnsignedLong(at.getInt(p + 8));
                long next = Integer.toUnsignedLong(at.getInt(p + 12));
                List<ElfVersions.Version> versions = new ArrayList<>();
                long a = p + aux;
                for (int v = 0; v < cnt && v < MAX_ENTRIES; v++) {
                    if (a < 0 || a + 16 > at.limit()) {
                        complete = false;
                        break;
                    }
                    long hash = Integer.toUnsignedLong(at.getInt((int) a));
                    int flags = Short.toUnsignedInt(at.getShort((int) a + 4));
                    String name = named(Integer.toUnsignedLong(at.getInt((int) a + 8)), hash);
                    versions.add(new ElfVersions.Version(name, hash, (flags & ElfVersions.VER_FLG_WEAK) != 0));
                    long vnaNext = Integer.toUnsignedLong(at.getInt((int) a + 12));
                    if (vnaNext == 0) {
                        break;
                    }
                    a += vnaNext;
                }
                if (file == null) {
                    complete = false;
                } else {
                    out.add(new ElfVersions.Need(file, versions));
                }
                if (next == 0 || p + next > at.limit()) {
                    complete &= next == 0 || e == n - 1;
                    break;
                }
                at.position((int) (p + next));
            }
            return out;
        }

        List<ElfVersions.Version> defines(Long address, Long count) {
            List<ElfVersions.Version> out = new ArrayList<>();
            ByteBuffer at = start(address, count);
            long n = count == null ? 0 : Math.min(count, MAX_ENTRIES);
            for (long e = 0; at != null && e < n; e++) {
                int p = at.position();
                if (at.remaining() < 20) {
                    complete = false;
                    break;
                }
                int flags = Short.toUnsignedInt(at.getShort(p + 2));
                long hash = Integer.toUnsignedLong(at.getInt(p + 8));
                long aux = Integer.toUnsignedLong(at.getInt(p + 12));
                long next = Integer.toUnsignedLong(at.getInt(p + 16));
                if ((flags & VER_FLG_BASE) == 0) {
                    if (p + aux + 8 > at.limit()) {
                        complete = false;
                        break;
                    }
                    out.add(new ElfVersions.Version(named(Integer.toUnsignedLong(at.getInt((int) (p + aux))), hash), hash, false));
                }
                if (next == 0 || p + next > at.limit()) {
                    complete &= next == 0 || e == n - 1;
                    break;
                }
                at.position((int) (p + next));
            }
            return out;
        }

        /** The kept bytes from the section's start on, or null (and incomplete) when they were not kept. */
        private ByteBuffer start(Long address, Long count) {
            if (address == null || count == null || count == 0) {
                return null;
            }
            Long offset = fileOffset.apply(address);
            ByteBuffer b = offset == null ? null : bytesAt.apply(offset);
            if (b == null) {
                complete = false;
                return null;
            }
            return b.order(order);
        }

        /** A version's name, kept only when its ELF hash is the one stored beside it (a kept string that merely overlaps is not it). */
        private String named(long index, long hash) {
            String name = string.apply(index);
            return name != null && ElfVersions.elfHash(name) == hash ? name : null;
        }
    }
}
