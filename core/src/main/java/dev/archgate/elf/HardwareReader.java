package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Collects a file's {@link HardwareFacts} while it streams past the scanner. The page limit comes
 * from the program headers in the front; the rest needs the file's body and is read only where it
 * can matter: the code of AArch64 files other than Go programs (whose level is GOARM64, and whose
 * runtime checks the CPU before it uses LSE), and the read-only data ({@link LoadLayout#readOnlyDataRanges})
 * of those files (jemalloc's message) and of files that can be started (ET_DYN with an entry point:
 * ld.so and libc.so.6, whose build text {@link #release} is, and position-independent programs),
 * where {@link TextMarkers} looks for fixed messages; and a RISC-V file's attributes section, which
 * its program headers locate: read where it lies (in the tail window of a stripped file, so at no
 * cost). Other files cost nothing beyond the front.
 */
final class HardwareReader {
    private static final int EM_AARCH64 = 183;
    private static final int ET_DYN = 3;
    private static final int EM_RISCV = 243;

    private final long pageLimit;
    private final Arm64Code code;
    private final TextMarkers markers;
    private final List<long[]> data;
    private final SectionCapture riscvAttributes;
    private final long readUntil;

    private HardwareReader(long pageLimit, Arm64Code code, TextMarkers markers, List<long[]> data, SectionCapture riscvAttributes,
            long readUntil) {
        this.pageLimit = pageLimit;
        this.code = code;
        this.markers = markers;
        this.data = data;
        this.riscvAttributes = riscvAttributes;
        this.readUntil = readUntil;
    }

    /** A reader for the file whose first bytes are {@code front}. */
    static HardwareReader of(byte[] front, long size, boolean go) {
        LoadLayout layout = LoadLayout.of(front);
        if (layout == null) {
            return new HardwareReader(0, null, null, List.of(), null, 0);
        }
        ByteBuffer h = ByteBuffer.wrap(front).order(front[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        boolean is64 = front[4] == 2;
        int type = Short.toUnsignedInt(h.getShort(16));
        int machine = Short.toUnsignedInt(h.getShort(18));
        long entry = is64 ? h.getLong(24) : Integer.toUnsignedLong(h.getInt(24));
        boolean arm64 = machine == EM_AARCH64 && is64 && front[5] == 1 && !go;
        boolean startable = type == ET_DYN && entry != 0;
        boolean loader = startable && !layout.hasInterpreter();
        Arm64Code code = arm64 ? new Arm64Code(layout.executableRanges()) : null;
        TextMarkers markers = arm64 || startable ? new TextMarkers(arm64, loader, startable) : null;
        List<long[]> data = markers == null ? List.of() : layout.readOnlyDataRanges();
        long until = Math.max(code == null ? 0 : layout.executableEnd(), data.stream().mapToLong(r -> r[1]).max().orElse(0));
        LoadLayout.Segment a = machine == EM_RISCV ? layout.riscvAttributes() : null;
        SectionCapture riscv = a == null ? null : SectionCapture.of(a.offset(), a.filesz(), size);
        // Only a section in the middle, which the scanner would skip, is read through to.
        if (riscv != null && a.offset() < size - ElfScanner.TAIL) {
            until = Math.max(until, riscv.end());
        }
        return new HardwareReader(layout.pageLimit(), code, markers, data, riscv, Math.min(until, size));
    }

    /** The file offset up to which the stream must be read rather than skipped (0: the front is enough). */
    long readUntil() {
        return readUntil;
    }

    /** Whether it reads the file's AArch64 code. */
    boolean readsArm64Code() {
        return code != null;
    }

    /** Takes the file's bytes [{@code offset}, {@code offset + length}), fed in increasing order without gaps. */
    void feed(long offset, byte[] bytes, int from, int length) {
        if (code != null) {
            code.feed(offset, bytes, from, length);
        }
        for (long[] r : data) {
            long start = Math.max(offset, r[0]);
            long end = Math.min(offset + length, r[1]);
            if (start < end) {
                markers.feed(bytes, from + (int) (start - offset), (int) (end - start));
            }
        }
        if (riscvAttributes != null) {
            riscvAttributes.feed(offset, bytes, from, length);
        }
    }

    /** glibc's build text when this is its libc or loader, from the text after "GNU C Library " or "ld.so "; null otherwise. */
    String release() {
        return markers == null ? null : markers.release();
    }

    HardwareFacts result(Window window) {
        Long jemalloc = null;
        if (markers != null && markers.jemalloc() && code != null) {
            jemalloc = code.pageCompare();
        }
        byte[] attributes = riscvAttributes == null ? null : riscvAttributes.bytes();
        HardwareFacts facts = new HardwareFacts(pageLimit, jemalloc, code == null ? null : code.inlineAtomics(window),
                markers == null ? null : markers.floor(),
                attributes == null ? null : RiscvAttributes.arch(ByteBuffer.wrap(attributes).order(ByteOrder.LITTLE_ENDIAN)));
        return facts.isEmpty() ? HardwareFacts.NONE : facts;
    }
}
