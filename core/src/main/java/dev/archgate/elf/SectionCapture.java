package dev.archgate.elf;

/**
 * Keeps the bytes of one small file range, named in advance (by a program header), as the file
 * streams past in pieces: RISC-V's attributes section, which a stripped file keeps near its end
 * and an unstripped one before its symbol tables, anywhere behind the loaded segments.
 */
final class SectionCapture {
    /** Larger ranges are not kept: Debian's RISC-V attributes take under 256 bytes. */
    static final int MAX_LENGTH = 4096;

    private final long offset;
    private final byte[] bytes;
    private int filled;

    private SectionCapture(long offset, int length) {
        this.offset = offset;
        this.bytes = new byte[length];
    }

    /** A capture of [offset, offset + length) of a file of {@code size} bytes; null when that range is empty, too long or outside the file. */
    static SectionCapture of(long offset, long length, long size) {
        if (length <= 0 || length > MAX_LENGTH || offset < 0 || offset > size - length) {
            return null;
        }
        return new SectionCapture(offset, (int) length);
    }

    long end() {
        return offset + bytes.length;
    }

    /** Takes the file's bytes [{@code at}, {@code at + length}); each byte is fed at most once, in any order. */
    void feed(long at, byte[] b, int from, int length) {
        long start = Math.max(at, offset);
        long stop = Math.min(at + length, end());
        if (start < stop) {
            System.arraycopy(b, from + (int) (start - at), bytes, (int) (start - offset), (int) (stop - start));
            filled += (int) (stop - start);
        }
    }

    /** The whole range, or null when some of it was not fed. */
    byte[] bytes() {
        return filled == bytes.length ? bytes : null;
    }
}
