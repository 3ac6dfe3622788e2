package dev.archgate.elf;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads an ELF summary from a stream that is read once, front to back, in bounded memory: a tar
 * entry of a layer being streamed. It keeps the first {@value #FRONT} bytes (ELF header, program
 * headers, PT_INTERP) and the last {@value #TAIL} bytes (where GNU linkers put the section header
 * table and, just before it, small sections such as .ARM.attributes) and skips the rest; a file
 * no larger than both together is kept whole. Anything outside those windows is reported as
 * unknown rather than read.
 */
public final class ElfScanner {
    static final int FRONT = 16 * 1024;
    static final int TAIL = 64 * 1024;
    private static final int MAX_INTERP = 4096;
    private static final int PT_INTERP = 3;
    private static final int SHT_ARM_ATTRIBUTES = 0x70000003;
    private static final int EM_ARM = 40;
    /**
     * How much of a file's start is kept for {@link CpuDispatch}: its symbol and relocation tables
     * lie before its code (Debian's libcrypto.so.3, among the largest, ends them at 0xc4be8).
     */
    static final int MAX_DISPATCH_TABLES = 4 * 1024 * 1024;

    private ElfScanner() {}

    /** Scans a file on disk, for tools and tests. */
    public static ElfInfo scan(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return scan(in, Files.size(file));
        }
    }

    /**
     * Scans {@code size} bytes of {@code in}, consuming exactly that many so that the caller's tar
     * stream stands after the entry. Only an I/O failure of the stream (including its ending
     * before {@code size} bytes) throws; bad content gives a {@link ElfInfo.Kind#MALFORMED} result.
     */
    public static ElfInfo scan(InputStream in, long size) throws IOException {
        if (size < 0) {
            throw new IllegalArgumentException("negative size " + size);
        }
        int frontLength = (int) (size <= FRONT + TAIL ? size : FRONT);
        byte[] magic = new byte[Math.min(frontLength, 4)];
        readFully(in, magic, 0, magic.length);
        if (magic.length < 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F') {
            in.skipNBytes(size - magic.length);
            return ElfInfo.NOT_ELF;
        }
        byte[] front = new byte[frontLength];
        System.arraycopy(magic, 0, front, 0, 4);
        readFully(in, front, 4, frontLength - 4);
        long tailStart = Math.max(frontLength, size - TAIL);
        // A Go program's CPU level (GOARM, GOAMD64, GOARM64) is written only in its build info, in
        // the middle of the file: only Go programs and 32-bit ARM files are read through rather than skipped.
        boolean arm32 = isArm32(front);
        GoBuildSettings go = arm32 || isGo(front) ? new GoBuildSettings() : null;
        HardwareReader hardware = HardwareReader.of(front, size, go != null);
        // The ARM attributes section of an unstripped file can lie far from its end: 32-bit ARM
        // files are read through anyway (GOARM), so candidates are kept as they pass.
        ArmAttributesCapture attributes = arm32
                ? new ArmAttributesCapture(front[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN, loadEnd32(front)) : null;
        if (attributes != null) {
            attributes.feed(0, front, 0, front.length);
        }
        // A dynamically linked file is read through up to its dynamic section (see DynamicReader).
        DynamicReader dynamic = DynamicReader.of(front, size);
        if (dynamic != null && (arm32 || hardware.readsArm64Code())) {
            // Only a level from ARM attributes or AArch64 code can be excused by run-time dispatch (see
            // CpuDispatch), so only those files keep their first bytes for it.
            dynamic.keepFront(size, MAX_DISPATCH_TABLES);
        }
        if (dynamic != null) {
            dynamic.feed(0, front, 0, front.length);
        }
        if (go != null) {
            go.feed(front, front.length);
        }
        hardware.feed(0, front, 0, front.length);
        long readTo = go != null ? tailStart
                : dynamic != null ? Math.max(frontLength, Math.min(tailStart, Math.max(dynamic.readUntil(), dynamic.frontWanted())))
                : frontLength;
        readTo = Math.max(readTo, Math.min(tailStart, hardware.readUntil()));
        readThrough(in, frontLength, readTo - frontLength, go, dynamic, attributes, hardware);
        if (dynamic != null && go == null && dynamic.readUntil() > readTo) {
            // The dynamic section, now read, puts its string table further on (files patchelf rewrote).
            long more = Math.min(tailStart, dynamic.readUntil()) - readTo;
            readThrough(in, readTo, Math.max(0, more), null, dynamic, null, null);
            readTo += Math.max(0, more);
        }
        in.skipNBytes(tailStart - readTo);
        byte[] tail = new byte[(int) (size - tailStart)];
        readFully(in, tail, 0, tail.length);
        if (attributes != null) {
            attributes.feed(tailStart, tail, 0, tail.length);
        }
        hardware.feed(tailStart, tail, 0, tail.length);
        Window window = new Window(front, tail, tailStart, size);
        HardwareFacts machine = hardware.result(window);
        ElfInfo info = new Parser(window, attributes).parse();
        String dispatch = null;
        if (dynamic != null && info.isElf()) {
            dynamic.feed(tailStart, tail, 0, tail.length);
            info = info.withDynamic(dynamic.result()).withVersions(dynamic.versions());
            // AArch64 code needs its dispatch evidence only to excuse inline atomics, which few files have.
            dispatch = hardware.readsArm64Code() && machine.inlineAtomics() == null ? null : dynamic.dispatch();
        }
        if (go != null) {
            go.feed(tail, tail.length);
            info = info.withGoArm(go.goArm());
        }
        return info.isElf() ? info.withCpu(cpuFacts(go, window, dispatch)).withHardware(machine) : info;
    }

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

    private static final class Parser {
        private final Window w;
        private final ArmAttributesCapture attributes;
        private ByteOrder order;
        private boolean is64;

        Parser(Window w, ArmAttributesCapture attributes) {
            this.w = w;
            this.attributes = attributes;
        }

        ElfInfo parse() {
            byte[] f = w.front();
            if (f.length < 16) {
                return ElfInfo.malformed("truncated ELF identification (" + f.length + " of 16 bytes)");
            }
            if (f[4] != 1 && f[4] != 2) {
                return ElfInfo.malformed("unknown ELF class " + f[4] + " (1 or 2 expected)");
            }
            if (f[5] != 1 && f[5] != 2) {
                return ElfInfo.malformed("unknown ELF data encoding " + f[5] + " (1 or 2 expected)");
            }
            is64 = f[4] == 2;
            order = f[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
            int elfClass = is64 ? 64 : 32;
            int headerSize = is64 ? 64 : 52;
            ByteBuffer h = w.slice(0, headerSize, order);
            if (h == null) {
                return ElfInfo.malformed("truncated ELF header (" + w.size() + " of " + headerSize + " bytes)");
            }
            int type = Short.toUnsignedInt(h.getShort(16));
            int machine = Short.toUnsignedInt(h.getShort(18));
            long phoff = is64 ? h.getLong(32) : Integer.toUnsignedLong(h.getInt(28));
            long shoff = is64 ? h.getLong(40) : Integer.toUnsignedLong(h.getInt(32));
            int flags = h.getInt(is64 ? 48 : 36);
            int phentsize = Short.toUnsignedInt(h.getShort(is64 ? 54 : 42));
            int phnum = Short.toUnsignedInt(h.getShort(is64 ? 56 : 44));
            int shentsize = Short.toUnsignedInt(h.getShort(is64 ? 58 : 46));
            int shnum = Short.toUnsignedInt(h.getShort(is64 ? 60 : 48));

            String interpreter;
            try {
                interpreter = interpreter(phoff, phentsize, phnum);
            } catch (MalformedElf e) {
                return new ElfInfo(ElfInfo.Kind.MALFORMED, elfClass, order, machine, flags, type, null, null, null, e.getMessage(), null,
                        CpuFacts.NONE, HardwareFacts.NONE, ElfVersions.NONE);
            }
            Integer cpuArch = machine == EM_ARM ? armCpuArch(shoff, shentsize, shnum) : null;
            return new ElfInfo(ElfInfo.Kind.ELF, elfClass, order, machine, flags, type, interpreter, cpuArch, null, null, null, CpuFacts.NONE, HardwareFacts.NONE, ElfVersions.NONE);
        }

        private String interpreter(long phoff, int phentsize, int phnum) throws MalformedElf {
            if (phnum == 0) {
                return null;
            }
            int minEntry = is64 ? 56 : 32;
            if (phentsize < minEntry) {
                throw new MalformedElf("program header entries of " + phentsize + " bytes (at least " + minEntry + " expected)");
            }
            if (!w.within(phoff, (long) phnum * phentsize)) {
                throw new MalformedElf("program headers (" + phnum + " of " + phentsize + " bytes at offset " + Long.toUnsignedString(phoff)
                        + ") run past the end of the file (" + w.size() + " bytes)");
            }
            ByteBuffer ph = w.slice(phoff, (long) phnum * phentsize, order);
            if (ph == null) {
                return null; // not in the kept front part: unknown, which never fails a check by itself
            }
            for (int i = 0; i < phnum; i++) {
                int base = i * phentsize;
                if (ph.getInt(base) == PT_INTERP) {
                    return interpreterPath(ph, base);
                }
            }
            return null;
        }

        private String interpreterPath(ByteBuffer ph, int base) throws MalformedElf {
            long offset = is64 ? ph.getLong(base + 8) : Integer.toUnsignedLong(ph.getInt(base + 4));
            long filesz = is64 ? ph.getLong(base + 32) : Integer.toUnsignedLong(ph.getInt(base + 16));
            if (filesz <= 0 || filesz > MAX_INTERP) {
                throw new MalformedElf("PT_INTERP of " + Long.toUnsignedString(filesz) + " bytes (1 to " + MAX_INTERP + " expected)");
            }
            if (!w.within(offset, filesz)) {
                throw new MalformedElf("PT_INTERP at offset " + Long.toUnsignedString(offset) + " runs past the end of the file");
            }
            ByteBuffer path = w.slice(offset, filesz, order);
            if (path == null) {
                return null;
            }
            byte[] bytes = new byte[(int) filesz];
            path.get(bytes);
            int end = 0;
            while (end < bytes.length && bytes[end] != 0) {
                end++;
            }
            return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
        }

        private Integer armCpuArch(long shoff, int shentsize, int shnum) {
            int minEntry = is64 ? 64 : 40;
            if (shoff == 0 || shnum == 0 || shentsize < minEntry) {
                return null;
            }
            ByteBuffer sh = w.slice(shoff, (long) shnum * shentsize, order);
            if (sh == null) {
                return null;
            }
            for (int i = 0; i < shnum; i++) {
                int base = i * shentsize;
                if (sh.getInt(base + 4) != SHT_ARM_ATTRIBUTES) {
                    continue;
                }
                long offset = is64 ? sh.getLong(base + 24) : Integer.toUnsignedLong(sh.getInt(base + 16));
                long length = is64 ? sh.getLong(base + 32) : Integer.toUnsignedLong(sh.getInt(base + 20));
                ByteBuffer section = w.slice(offset, length, order);
                if (section != null) {
                    return ArmAttributes.cpuArch(section);
                }
                return attributes == null ? null : attributes.cpuArchAt(offset, length);
            }
            return null;
        }
    }

    /** A structural fault found while parsing; becomes a MALFORMED result, so it carries no stack trace. */
    private static final class MalformedElf extends Exception {
        private static final long serialVersionUID = 1L;

        MalformedElf(String message) {
            super(message, null, false, false);
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
     * after the program headers of every program it links, stripped (-s) or not, cgo or not.
     */
    static boolean isGo(byte[] front) {
        if (front.length < 16 || (front[5] != 1 && front[5] != 2)) {
            return false;
        }
        boolean little = front[5] == 1;
        for (int i = 12; i + 4 <= front.length; i++) {
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

    /** Reads {@code n} bytes that start at file offset {@code offset} and hands them to the searches that are not null. */
    private static void readThrough(InputStream in, long offset, long n, GoBuildSettings go, DynamicReader dynamic,
                                    ArmAttributesCapture attributes, HardwareReader hardware) throws IOException {
        if (n <= 0) {
            return;
        }
        byte[] buffer = new byte[(int) Math.min(64 * 1024, n)];
        long left = n;
        long at = offset;
        while (left > 0) {
            int r = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (r < 0) {
                throw new EOFException("stream ended " + left + " bytes early");
            }
            if (go != null) {
                go.feed(buffer, r);
            }
            if (dynamic != null) {
                dynamic.feed(at, buffer, 0, r);
            }
            if (attributes != null) {
                attributes.feed(at, buffer, 0, r);
            }
            if (hardware != null) {
                hardware.feed(at, buffer, 0, r);
            }
            at += r;
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
