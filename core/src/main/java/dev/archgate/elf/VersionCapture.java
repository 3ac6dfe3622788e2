package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * Keeps what looks like a .gnu.version_r or .gnu.version_d section as an ELF file streams past,
 * with its file offset, so that the sections the dynamic section names (DT_VERNEED, DT_VERDEF)
 * can be read once it is seen, which is later: linkers put both sections right after .dynstr and
 * .gnu.version, before the code (Debian's libc.so.6: .gnu.version_d at 0x23f80, .gnu.version_r at
 * 0x244e8, .dynamic at 0x1d2b60). A candidate is found by its shape at every 4-byte boundary
 * (both sections are aligned to 4 or 8): a Verneed header (vn_version 1, vn_aux 16, vn_next 0 or
 * just past its Vernaux entries) followed by a Vernaux with weak-or-no flags, or a Verdef header
 * (vd_version 1, vd_aux 20, vd_next 0 or just past its Verdaux entries). From there on
 * {@value #REGION} bytes are kept; at most {@value #MAX_REGIONS} such regions. Only what lies at
 * the offsets the dynamic section gives is ever read.
 */
final class VersionCapture {
    static final int REGION = 16 * 1024;
    static final int MAX_REGIONS = 16;
    /** The bytes a candidate's shape is judged on: a Verneed and its first Vernaux. */
    private static final int HEAD = 32;
    private static final long DT_VERDEF = 0x6ffffffcL;
    private static final long DT_VERDEFNUM = 0x6ffffffdL;
    private static final long DT_VERNEED = 0x6ffffffeL;
    private static final long DT_VERNEEDNUM = 0x6fffffffL;
    private static final int VER_FLG_BASE = 1;
    private static final int MAX_ENTRIES = 4096;

    private final ByteOrder order;
    private final boolean little;
    private final List<Region> regions = new ArrayList<>();
    /** The bytes of the previous feed from its first position not yet judged (fewer than HEAD + 4). */
    private final byte[] carry = new byte[HEAD + 4];
    private int carried;
    private long carryStart;
    private long next;

    VersionCapture(ByteOrder order) {
        this.order = order;
        this.little = order == ByteOrder.LITTLE_ENDIAN;
    }

    /** Takes the file's bytes [{@code offset}, {@code offset + length}), fed in increasing order of offset. */
    void feed(long offset, byte[] bytes, int from, int length) {
        if (offset != next) {
            carried = 0; // bytes were skipped: nothing carries over, and no region goes on
            regions.forEach(Region::close);
        }
        next = offset + length;
        for (Region r : regions) {
            r.take(offset, bytes, from, length);
        }
        long end = offset + length;
        if (carried > 0) {
            // Positions that straddle the previous feed and this one, judged on the two joined.
            byte[] joined = new byte[carried + Math.min(length, HEAD + 4)];
            System.arraycopy(carry, 0, joined, 0, carried);
            System.arraycopy(bytes, from, joined, carried, joined.length - carried);
            for (long p = carryStart; p < offset && p - carryStart + HEAD <= joined.length; p += 4) {
                int i = (int) (p - carryStart);
                if (candidate(joined, i)) {
                    found(p, joined, i, joined.length - i, offset, bytes, from, length);
                }
            }
        }
        long p = (offset + 3) & ~3L;
        for (; p + HEAD <= end; p += 4) {
            int i = from + (int) (p - offset);
            // Most positions fail the first test in place; the full shape is judged only for a version 1 header.
            if (bytes[i + (little ? 0 : 1)] == 1 && bytes[i + (little ? 1 : 0)] == 0 && candidate(bytes, i)) {
                found(p, bytes, i, from + length - i, offset, bytes, from, length);
            }
        }
        carried = (int) Math.max(0, end - p);
        carryStart = p;
        if (carried > 0) {
            System.arraycopy(bytes, from + (int) (p - offset), carry, 0, carried);
        }
    }

    /** A candidate at file offset {@code p}, whose bytes start at {@code b[i]}: a region keeps what follows. */
    private void found(long p, byte[] b, int i, int available, long offset, byte[] bytes, int from, int length) {
        for (Region r : regions) {
            if (r.start <= p && p < r.start + r.filled) {
                r.extend(p + REGION);
                return;
            }
        }
        if (regions.size() >= MAX_REGIONS) {
            return;
        }
        Region r = new Region(p);
        if (p < offset) {
            r.take(p, b, i, (int) (offset - p)); // the part held in the carry
        }
        r.take(offset, bytes, from, length);
        regions.add(r);
    }

    private boolean candidate(byte[] b, int i) {
        ByteBuffer h = ByteBuffer.wrap(b, i, HEAD).order(order);
        if (h.getShort(i) != 1) {
            return false;
        }
        int cnt = Short.toUnsignedInt(h.getShort(i + 2));
        // Verneed: vn_cnt, vn_file, vn_aux = 16, vn_next; then the first Vernaux's flags and vna_next.
        if (cnt > 0 && h.getInt(i + 8) == 16) {
            long vnNext = Integer.toUnsignedLong(h.getInt(i + 12));
            int flags = Short.toUnsignedInt(h.getShort(i + 20));
            long vnaNext = Integer.toUnsignedLong(h.getInt(i + 28));
            return (vnNext == 0 || vnNext == 16 + 16L * cnt) && (flags & ~ElfVersions.VER_FLG_WEAK) == 0
                    && vnaNext == (cnt == 1 ? 0 : 16);
        }
        // Verdef: vd_flags, vd_ndx, vd_cnt, vd_hash, vd_aux = 20, vd_next.
        int vdCnt = Short.toUnsignedInt(h.getShort(i + 6));
        long vdNext = Integer.toUnsignedLong(h.getInt(i + 16));
        return Short.toUnsignedInt(h.getShort(i + 2)) <= 3 && vdCnt > 0 && vdCnt <= 64 && h.getInt(i + 12) == 20
                && (vdNext == 0 || vdNext == 20 + 8L * vdCnt);
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

        /** The kept bytes from the section's start to its region's end, or null (and incomplete) when none were kept. */
        private ByteBuffer start(Long address, Long count) {
            if (address == null || count == null || count == 0) {
                return null;
            }
            Long offset = fileOffset.apply(address);
            if (offset != null) {
                for (Region r : regions) {
                    if (r.start <= offset && offset < r.start + r.filled) {
                        ByteBuffer b = ByteBuffer.wrap(r.bytes, 0, r.filled).order(order);
                        b.position((int) (offset - r.start));
                        return b;
                    }
                }
            }
            complete = false;
            return null;
        }

        /** A version's name, kept only when its ELF hash is the one stored beside it (a kept string that merely overlaps is not it). */
        private String named(long index, long hash) {
            String name = string.apply(index);
            return name != null && ElfVersions.elfHash(name) == hash ? name : null;
        }
    }

    /** The bytes kept from a candidate on. */
    private static final class Region {
        final long start;
        byte[] bytes = new byte[1024];
        int filled;
        long wanted;

        Region(long start) {
            this.start = start;
            this.wanted = start + REGION;
        }

        /** Keeps more, up to {@code to} (at most four regions' worth): a later candidate lies inside this one. */
        void extend(long to) {
            wanted = Math.max(wanted, Math.min(to, start + 4L * REGION));
        }

        void close() {
            wanted = start + filled;
        }

        void take(long offset, byte[] b, int from, int length) {
            long at = start + filled;
            if (at >= wanted || offset > at || offset + length <= at) {
                return;
            }
            int n = (int) (Math.min(offset + length, wanted) - at);
            if (filled + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, (int) Math.max(bytes.length * 2L, filled + n));
            }
            System.arraycopy(b, from + (int) (at - offset), bytes, filled, n);
            filled += n;
        }
    }
}
