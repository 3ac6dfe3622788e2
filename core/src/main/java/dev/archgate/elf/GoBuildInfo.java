package dev.archgate.elf;

import java.util.List;

/**
 * Finds a Go program's build info as it streams past: the blob that starts with
 * {@code "\xff Go buildinf:"} at a 16-byte boundary of its .go.buildinfo section (Go's
 * src/debug/buildinfo/buildinfo.go reads it so). Both of Go's ways of linking put that section in a
 * writable segment (its own linker at the segment's start, GNU ld behind .data: Debian's dockerd
 * at 0x5974250 of 94 MB), so only the writable segments are searched, one 16-byte boundary at a
 * time. Since Go 1.18 the blob holds its two strings inline (flag 2 of its 16th byte): after the
 * 32-byte header, the Go version and then the module text, both prefixed by their length as a
 * varint; the module text's "build\tGO..." lines go to {@link GoBuildSettings}. Older Go wrote no
 * build settings at all.
 */
final class GoBuildInfo {
    private static final byte[] MAGIC = {(byte) 0xff, ' ', 'G', 'o', ' ', 'b', 'u', 'i', 'l', 'd', 'i', 'n', 'f', ':'};
    private static final int ALIGN = 16;
    private static final int HEADER = 32;
    private static final int MAX_BLOB = 64 * 1024;

    private final List<long[]> ranges;
    private final GoBuildSettings settings = new GoBuildSettings();
    /** The last bytes of the previous feed, where a magic that goes on in this one may start. */
    private final byte[] carry = new byte[ALIGN];
    private int carried;
    private long carryStart;
    /** The blob from its magic on, once found. */
    private byte[] blob;
    private int filled;
    private long blobStart = -1;
    private boolean done;

    /** @param ranges the writable segments' file ranges, {start, end} */
    GoBuildInfo(List<long[]> ranges) {
        this.ranges = ranges;
    }

    /** The file offset up to which the stream must be read: the end of the writable segments, until the blob is read. */
    long readUntil() {
        return done ? 0 : ranges.stream().mapToLong(r -> r[1]).max().orElse(0);
    }

    /** Takes the file's bytes [{@code offset}, {@code offset + length}), fed in increasing order without gaps. */
    void feed(long offset, byte[] bytes, int from, int length) {
        if (done) {
            return;
        }
        if (blobStart < 0 && carried > 0 && carryStart + carried == offset) {
            byte[] joined = java.util.Arrays.copyOf(carry, carried + Math.min(length, MAGIC.length));
            System.arraycopy(bytes, from, joined, carried, joined.length - carried);
            for (long p = (carryStart + ALIGN - 1) & -ALIGN; p < offset && blobStart < 0; p += ALIGN) {
                int i = (int) (p - carryStart);
                if (matches(joined, i) && inRange(p)) {
                    start(p);
                    take(p, joined, i, carried - i);
                }
            }
        }
        long end = offset + length;
        for (long p = (offset + ALIGN - 1) & -ALIGN; p + MAGIC.length <= end && blobStart < 0; p += ALIGN) {
            int i = from + (int) (p - offset);
            if (bytes[i] == MAGIC[0] && matches(bytes, i) && inRange(p)) {
                start(p);
            }
        }
        if (blobStart >= 0) {
            take(offset, bytes, from, length);
            return;
        }
        carried = Math.min(ALIGN, length);
        carryStart = end - carried;
        System.arraycopy(bytes, from + length - carried, carry, 0, carried);
    }

    private static boolean matches(byte[] b, int i) {
        if (i + MAGIC.length > b.length) {
            return false;
        }
        for (int k = 0; k < MAGIC.length; k++) {
            if (b[i + k] != MAGIC[k]) {
                return false;
            }
        }
        return true;
    }

    private boolean inRange(long p) {
        return ranges.stream().anyMatch(r -> p >= r[0] && p + HEADER <= r[1]);
    }

    private void start(long p) {
        long rangeEnd = ranges.stream().filter(r -> p >= r[0] && p < r[1]).mapToLong(r -> r[1]).findFirst().orElse(p);
        blobStart = p;
        blob = new byte[(int) Math.min(rangeEnd - p, MAX_BLOB)];
    }

    /** Copies what [{@code offset}, {@code offset + length}) adds to the blob, and reads it once whole. */
    private void take(long offset, byte[] bytes, int from, int length) {
        long at = blobStart + filled;
        long to = Math.min(offset + length, blobStart + blob.length);
        if (offset <= at && at < to) {
            System.arraycopy(bytes, from + (int) (at - offset), blob, filled, (int) (to - at));
            filled += (int) (to - at);
        }
        if (filled == blob.length) {
            read();
        }
    }

    /** The module text of a whole blob to the settings, when the blob holds its strings inline. */
    private void read() {
        done = true;
        if ((blob[15] & 2) == 0) {
            return; // the version and module text as pointers (Go 1.17 and older): no build settings then
        }
        int[] at = {HEADER};
        skipString(at); // the Go version
        int length = varint(at);
        if (length > 0 && length <= blob.length - at[0]) {
            byte[] module = java.util.Arrays.copyOfRange(blob, at[0], at[0] + length);
            settings.feed(module, module.length);
        }
        blob = null;
    }

    private void skipString(int[] at) {
        int n = varint(at);
        at[0] = n < 0 ? blob.length : (int) Math.min(blob.length, (long) at[0] + n);
    }

    /** An unsigned varint (encoding/binary's Uvarint) at {@code at[0]}, which moves past it; -1 when malformed. */
    private int varint(int[] at) {
        long value = 0;
        for (int shift = 0; at[0] < blob.length && shift < 35; shift += 7) {
            int b = blob[at[0]++] & 0xff;
            value |= (long) (b & 0x7f) << shift;
            if (b < 0x80) {
                return value > Integer.MAX_VALUE ? -1 : (int) value;
            }
        }
        return -1;
    }

    /** The build settings found, from as much of the blob as the file held when it ended short of {@value #MAX_BLOB} bytes. */
    GoBuildSettings settings() {
        if (!done && blob != null && filled >= HEADER) {
            blob = java.util.Arrays.copyOf(blob, filled);
            read();
        }
        return settings;
    }
}
