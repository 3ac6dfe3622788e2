package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** The bytes that were kept: the front and the tail of the file, addressed by file offset. */
record Window(byte[] front, byte[] tail, long tailStart, long size) {
    /** The bytes at [offset, offset+length) when they lie wholly in one kept part, else null. */
    ByteBuffer slice(long offset, long length, ByteOrder order) {
        if (!within(offset, length)) {
            return null;
        }
        if (offset + length <= front.length) {
            return ByteBuffer.wrap(front, (int) offset, (int) length).slice().order(order);
        }
        if (offset >= tailStart && offset + length <= tailStart + tail.length) {
            return ByteBuffer.wrap(tail, (int) (offset - tailStart), (int) length).slice().order(order);
        }
        return null;
    }

    /** Whether [offset, offset+length) lies inside the file; written so that no sum can overflow. */
    boolean within(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= size && length <= size - offset;
    }
}
