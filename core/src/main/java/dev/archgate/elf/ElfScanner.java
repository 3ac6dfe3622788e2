package dev.archgate.elf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an ELF summary from a stream that is read once, front to back, in bounded memory: a tar
 * entry of a layer being streamed. It keeps the first {@value #FRONT} bytes (ELF header, program
 * headers, PT_INTERP, notes) and the last {@value #TAIL} bytes (where GNU linkers put the section
 * header table and, just before it, small sections such as .ARM.attributes); a file no larger than
 * both together is kept whole. In between, only what the program headers locate is read, by the
 * readers that want it: the dynamic section and the tables before it ({@link DynamicReader}), a
 * Go program's build info in its writable segments ({@link GoBuildInfo}), AArch64 code and the
 * read-only data of the few files whose messages matter ({@link HardwareReader}), and what lies
 * behind a 32-bit ARM file's segments ({@link ArmAttributesCapture}); the rest is passed over
 * without being looked at. Anything outside what was read is reported as unknown.
 */
public final class ElfScanner {
    static final int FRONT = 16 * 1024;
    static final int TAIL = 64 * 1024;
    private static final int EM_ARM = 40;

    private ElfScanner() {}

    /** Scans a file on disk, for tools and tests. */
    public static ElfInfo scan(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in, Files.size(file));
        }
    }

    /** Scans one file with buffers of its own; a walk over many files passes its {@link ScanBuffers}. */
    public static ElfInfo scan(InputStream in, long size) throws IOException {
        try (ScanBuffers buffers = new ScanBuffers()) {
            return scan(in, size, buffers);
        }
    }

    /**
     * Scans {@code size} bytes of {@code in}, consuming exactly that many so that the caller's tar
     * stream stands after the entry. Only an I/O failure of the stream (including its ending
     * before {@code size} bytes) throws; bad content gives a {@link ElfInfo.Kind#MALFORMED} result.
     */
    public static ElfInfo scan(InputStream in, long size, ScanBuffers buffers) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        int frontLength = (int) (size <= FRONT + TAIL ? size : FRONT);
        byte[] magic = new byte[Math.min(frontLength, 4)];
        readFully(in, magic, 0, magic.length);
        if (magic.length < 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F') {
            discard(in, size - magic.length, buffers.chunk());
            return ElfInfo.NOT_ELF;
        }
        byte[] front = new byte[frontLength];
        System.arraycopy(magic, 0, front, 0, 4);
        readFully(in, front, 4, frontLength - 4);
        long tailStart = Math.max(frontLength, size - TAIL);
        boolean arm32 = isArm32(front);
        boolean go = isGo(front);
        LoadLayout layout = LoadLayout.of(front);
        // A Go program's CPU level (GOARM, GOAMD64, GOARM64) is written only in its build info.
        GoBuildInfo build = go && layout != null ? new GoBuildInfo(layout.writableRanges()) : null;
        HardwareReader hardware = HardwareReader.of(front, size, go);
        // The ARM attributes section of an unstripped file can lie far from its end, behind its segments.
        ArmAttributesCapture attributes = arm32
                ? new ArmAttributesCapture(front[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, loadEnd32(front)) : null;
        DynamicReader dynamic = DynamicReader.of(front, size, buffers);
        Readers readers = new Readers(build, dynamic, attributes, hardware);
        readers.feed(0, front, frontLength);
        long at = frontLength;
        byte[] chunk = buffers.chunk();
        // What the readers want can grow as they read (a dynamic section naming a table behind it).
        for (long want = Math.min(tailStart, readers.readUntil(tailStart)); want > at; want = Math.min(tailStart, readers.readUntil(tailStart))) {
            int r = in.read(chunk, 0, (int) Math.min(chunk.length, want - at));
            if (r < 0) {
                throw new EOFException("stream ended " + (size - at) + " bytes early");
            }
            readers.feed(at, chunk, r);
            at += r;
        }
        discard(in, tailStart - at, chunk);
        byte[] tail = new byte[(int) (size - tailStart)];
        readFully(in, tail, 0, tail.length);
        readers.feed(tailStart, tail, tail.length);
        Window window = new Window(front, tail, tailStart, size);
        HardwareFacts machine = hardware.result(window);
        ElfInfo info = new HeaderParser(window, attributes).parse();
        String dispatch = null;
        if (dynamic != null && info.isElf()) {
            info = info.withDynamic(dynamic.result()).withVersions(dynamic.versions(hardware.release()));
            // Only a level from ARM attributes or AArch64 code can be excused by run-time dispatch (see
            // CpuDispatch), and AArch64 code needs it only to excuse inline atomics, which few files have.
            boolean excusable = arm32 || hardware.readsArm64Code() && machine.inlineAtomics() != null;
            dispatch = excusable ? dynamic.dispatch() : null;
        }
        GoBuildSettings settings = build == null ? null : build.settings();
        if (settings != null) {
            info = info.withGoArm(settings.goArm());
        }
        return info.isElf() ? info.withCpu(cpuFacts(settings, window, dispatch)).withHardware(machine) : info;
    }

    /** The readers a file's bytes go to, those it does not need being null. */
    private record Readers(GoBuildInfo build, DynamicReader dynamic, ArmAttributesCapture attributes, HardwareReader hardware) {
        /** How far the stream must be read for them; 32-bit ARM files are read to their tail for their attributes. */
        long readUntil(long tailStart) {
            long until = hardware.readUntil();
            until = Math.max(until, build == null ? 0 : build.readUntil());
            until = Math.max(until, dynamic == null ? 0 : dynamic.readUntil());
            return Math.max(until, attributes == null ? 0 : tailStart);
        }

        void feed(long offset, byte[] bytes, int length) throws IOException {
            if (build != null) {
                build.feed(offset, bytes, 0, length);
            }
            if (dynamic != null) {
                dynamic.feed(offset, bytes, 0, length);
            }
            if (attributes != null) {
                attributes.feed(offset, bytes, 0, length);
            }
            hardware.feed(offset, bytes, 0, length);
        }
    }

    /**
     * The file offset where the PT_LOAD segments of a 32-bit file end (the furthest p_offset +
     * p_filesz), 0 when its program headers are not in {@code front} or malformed.
     */
    static long loadEnd32(byte[] front) {
        if (front.length < 52) {
            return 0;
        }
        ByteBuffer h = ByteBuffer.wrap(front).order(front[5] == 2 ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long phoff = Integer.toUnsignedLong(h.getInt(28));
        int phentsize = Short.toUnsignedInt(h.getShort(42));
        int phnum = Short.toUnsignedInt(h.getShort(44));
        if (phentsize < 32 || phoff > front.length || (long) phnum * phentsize > front.length - phoff) {
            return 0;
        }
        long end = 0;
        for (int i = 0; i < phnum; i++) {
            int base = (int) phoff + i * phentsize;
            if (h.getInt(base) == 1) { // PT_LOAD
                end = Math.max(end, Integer.toUnsignedLong(h.getInt(base + 4)) + Integer.toUnsignedLong(h.getInt(base + 16)));
            }
        }
        return end;
    }

    private static boolean isArm32(byte[] front) {
        if (front.length < 20 || front[4] != 1) {
            return false;
        }
        int machine = front[5] == 1 ? (front[18] & 0xff) | (front[19] & 0xff) << 8 : (front[19] & 0xff) | (front[18] & 0xff) << 8;
        return machine == EM_ARM;
    }

    /** What the file records of its CPU level (the Go settings found, the x86 ISA note) and of dispatch. */
    private static CpuFacts cpuFacts(GoBuildSettings go, Window window, String dispatch) {
        CpuFacts facts = new CpuFacts(go == null ? null : go.levels(), GnuPropertyNote.x86IsaNeeded(window), dispatch);
        return facts.isEmpty() ? CpuFacts.NONE : facts;
    }

    /**
     * Whether the front holds Go's build-id note (name "Go", type 4), which Go's linker puts right
     * after the program headers of every program it links, stripped (-s) or not, cgo or not. Notes
     * are 4-byte aligned in the file (the gABI's note section), so only those positions are tried.
     */
    static boolean isGo(byte[] front) {
        if (front.length < 16 || (front[5] != 1 && front[5] != 2)) {
            return false;
        }
        boolean little = front[5] == 1;
        for (int i = 12; i + 4 <= front.length; i += 4) {
            if (front[i] == 'G' && front[i + 1] == 'o' && front[i + 2] == 0 && front[i + 3] == 0
                    && word(front, i - 12, little) == 4 && word(front, i - 4, little) == 4) {
                return true;
            }
        }
        return false;
    }

    private static int word(byte[] b, int at, boolean little) {
        return little ? (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24
                : (b[at + 3] & 0xff) | (b[at + 2] & 0xff) << 8 | (b[at + 1] & 0xff) << 16 | (b[at] & 0xff) << 24;
    }

    /** Reads past {@code n} bytes nobody looks at, in large reads into one buffer (a skip reads 8 KiB at a time into arrays of its own). */
    private static void discard(InputStream in, long n, byte[] chunk) throws IOException {
        for (long left = n; left > 0; ) {
            int r = in.read(chunk, 0, (int) Math.min(chunk.length, left));
            if (r < 0) {
                throw new EOFException("stream ended " + left + " bytes early");
            }
            left -= r;
        }
    }

    private static void readFully(InputStream in, byte[] b, int offset, int length) throws IOException {
        int n = in.readNBytes(b, offset, length);
        if (n < length) {
            throw new EOFException("stream ended " + (length - n) + " bytes early");
        }
    }
}
