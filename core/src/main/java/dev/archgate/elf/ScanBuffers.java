package dev.archgate.elf;

import java.io.InterruptedIOException;
import java.util.concurrent.Semaphore;

/**
 * The memory one walk over many files (a layer) reuses for the bytes {@link ElfScanner} keeps of
 * each, so that files of several MB do not each leave an array of their size behind for the
 * collector (with the serial collector such arrays grow the old generation, and the process's
 * memory with it). One array grows to the largest file's need, at most {@value #MAX_KEPT} bytes.
 * Walks run side by side (a pool of one thread per core reads layers), so every array is taken
 * from one budget of an eighth of the heap, and a walk that needs more waits for another to close
 * its buffers: the same bytes are kept whatever else runs, so the findings never depend on it.
 */
public final class ScanBuffers implements AutoCloseable {
    /** The most a file keeps: the dynamic tables of Debian's largest libraries lie within their first 16 MiB. */
    static final int MAX_KEPT = 16 << 20;
    private static final int KIB = 1024;
    private static final int BUDGET_KIB = (int) Math.max(MAX_KEPT / KIB, Runtime.getRuntime().maxMemory() / 8 / KIB);
    private static final Semaphore BUDGET = new Semaphore(BUDGET_KIB);

    private byte[] bytes = new byte[0];
    private int heldKib;
    private final byte[] chunk = new byte[64 * 1024];

    /** The kept bytes' array; valid until the next {@link #ensure}. */
    byte[] bytes() {
        return bytes;
    }

    /** A buffer to read through what is streamed past. */
    byte[] chunk() {
        return chunk;
    }

    /** Grows the array to at least {@code length} bytes, keeping its first {@code kept} bytes. */
    void ensure(int length, int kept) throws InterruptedIOException {
        if (length <= bytes.length) {
            return;
        }
        int size = (int) Math.min(MAX_KEPT, Math.max(length, Math.min((long) bytes.length * 2, MAX_KEPT)));
        int kib = (size + KIB - 1) / KIB;
        if (!BUDGET.tryAcquire(kib - heldKib)) {
            // Nothing is held while waiting, so two walks cannot wait for each other.
            release();
            try {
                BUDGET.acquire(kib);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while waiting for memory to read an ELF file");
            }
        }
        heldKib = kib;
        byte[] grown = new byte[size];
        System.arraycopy(bytes, 0, grown, 0, kept);
        bytes = grown;
    }

    private void release() {
        BUDGET.release(heldKib);
        heldKib = 0;
    }

    @Override
    public void close() {
        release();
        bytes = new byte[0];
    }
}
