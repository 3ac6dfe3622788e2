package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The bytes of a few file ranges, copied as the file streams past and then read by file offset.
 * Copying is all the walk does with them (no byte is looked at until the dynamic section says
 * where its tables are), so a library costs a copy of its tables rather than a scan of its bytes.
 * The ranges live one after another in a {@link ScanBuffers} array the layer's walk reuses.
 */
final class KeptBytes {
    private final ScanBuffers buffers;
    private final ByteOrder order;
    private final List<long[]> ranges = new ArrayList<>(2); // {start, end, place in the buffer, filled up to}
    private int used;

    KeptBytes(ScanBuffers buffers, ByteOrder order) {
        this.buffers = buffers;
        this.order = order;
    }

    /**
     * Keeps [{@code start}, {@code end}) from now on (bytes already fed are not seen again); the
     * range is shortened to what {@link ScanBuffers} can hold.
     */
    void keep(long start, long end) throws java.io.InterruptedIOException {
        long length = Math.min(end - start, ScanBuffers.MAX_KEPT - used);
        if (length <= 0) {
            return;
        }
        buffers.ensure(used + (int) length, used);
        ranges.add(new long[] {start, start + length, used, start});
        used += (int) length;
    }

    /** Where the last kept range ends (0 when none): the stream must be read up to there. */
    long end() {
        return ranges.isEmpty() ? 0 : ranges.get(ranges.size() - 1)[1];
    }

    /** Takes the file's bytes [{@code offset}, {@code offset + length}), fed in increasing order of offset. */
    void feed(long offset, byte[] bytes, int from, int length) {
        for (long[] r : ranges) {
            long a = Math.max(offset, r[3]);
            long b = Math.min(offset + length, r[1]);
            if (a < b && offset <= r[3]) { // a range is filled without gaps, or not at all
                System.arraycopy(bytes, from + (int) (a - offset), buffers.bytes(), (int) (r[2] + a - r[0]), (int) (b - a));
                r[3] = b;
            }
        }
    }

    /** The kept bytes at [{@code offset}, {@code offset + length}) as a buffer positioned at 0, or null when not all were kept. */
    ByteBuffer slice(long offset, long length) {
        for (long[] r : ranges) {
            if (offset >= r[0] && length >= 0 && offset <= r[3] && length <= r[3] - offset) {
                return ByteBuffer.wrap(buffers.bytes(), (int) (r[2] + offset - r[0]), (int) length).slice().order(order);
            }
        }
        return null;
    }

    /**
     * The kept bytes from {@code offset} to the end of its range (at most {@code max}), positioned at
     * 0, or null when {@code offset} was not kept.
     */
    ByteBuffer from(long offset, long max) {
        for (long[] r : ranges) {
            if (offset >= r[0] && offset < r[3]) {
                return slice(offset, Math.min(max, r[3] - offset));
            }
        }
        return null;
    }

    /** Whether [{@code offset}, {@code offset + length}) lies in a kept range, filled or not. */
    boolean covers(long offset, long length) {
        return ranges.stream().anyMatch(r -> offset >= r[0] && length >= 0 && offset <= r[1] && length <= r[1] - offset);
    }
}
