package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The PT_LOAD segments of a file, read from its program headers, and what page sizes they can be
 * mapped under. A kernel (binfmt_elf.c's elf_map: it maps from {@code p_offset - ELF_PAGEOFFSET(p_vaddr)},
 * which mmap refuses unless page-aligned) and glibc's loader (elf/dl-load.c: "ELF load command
 * address/offset not page-aligned" when {@code (p_vaddr - p_offset) & (pagesize - 1)}) both need each
 * segment's address and offset congruent modulo the page size; and two segments whose last and
 * first pages meet would share one page with one set of permissions (code that loses its exec
 * permission), so they must not share a page either. Linkers lay segments out for their
 * {@code max-page-size}: 64 KiB by default for AArch64 and PowerPC64 in GNU ld, 4 KiB with
 * {@code -z max-page-size=4096}.
 */
final class LoadLayout {
    static final int PT_LOAD = 1;
    static final int PT_INTERP = 3;
    /** PT_RISCV_ATTRIBUTES (RISC-V psABI, "Program Header Table"): where .riscv.attributes lies; another machine's type elsewhere. */
    static final int PT_RISCV_ATTRIBUTES = 0x70000003;
    static final int PF_X = 1;
    /** The page sizes Linux kernels use, largest first: 64 KiB (arm64, ppc64le), 16 KiB (arm64: Apple, Pi 5), 4 KiB. */
    static final long[] PAGE_SIZES = {65536, 16384, 4096};

    static final int PF_W = 2;

    /** One PT_LOAD: where it lies in the file and in memory, and whether it is executable or writable. */
    record Segment(long offset, long vaddr, long filesz, long memsz, boolean executable, boolean writable) {}

    private final List<Segment> segments;
    private final boolean interpreter;
    private final Segment riscvAttributes;

    private LoadLayout(List<Segment> segments, boolean interpreter, Segment riscvAttributes) {
        this.segments = segments;
        this.interpreter = interpreter;
        this.riscvAttributes = riscvAttributes;
    }

    /** The layout of the file whose first bytes are {@code front}; null when its program headers are not all there. */
    static LoadLayout of(byte[] front) {
        if (front.length < 52 || (front[4] != 1 && front[4] != 2) || (front[5] != 1 && front[5] != 2)) {
            return null;
        }
        boolean is64 = front[4] == 2;
        if (is64 && front.length < 64) {
            return null;
        }
        ByteBuffer h = ByteBuffer.wrap(front).order(front[5] == 1 ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        long phoff = is64 ? h.getLong(32) : Integer.toUnsignedLong(h.getInt(28));
        int phentsize = Short.toUnsignedInt(h.getShort(is64 ? 54 : 42));
        int phnum = Short.toUnsignedInt(h.getShort(is64 ? 56 : 44));
        if (phentsize < (is64 ? 56 : 32) || phoff < 0 || phoff > front.length || (long) phnum * phentsize > front.length - phoff) {
            return null;
        }
        List<Segment> loads = new ArrayList<>();
        boolean interpreter = false;
        Segment riscvAttributes = null;
        for (int i = 0; i < phnum; i++) {
            int b = (int) phoff + i * phentsize;
            interpreter |= h.getInt(b) == PT_INTERP;
            if (h.getInt(b) == PT_RISCV_ATTRIBUTES && is64) {
                riscvAttributes = new Segment(h.getLong(b + 8), 0, h.getLong(b + 32), 0, false, false);
            }
            if (h.getInt(b) != PT_LOAD) {
                continue;
            }
            int flags = is64 ? h.getInt(b + 4) : h.getInt(b + 24);
            long offset = is64 ? h.getLong(b + 8) : Integer.toUnsignedLong(h.getInt(b + 4));
            long vaddr = is64 ? h.getLong(b + 16) : Integer.toUnsignedLong(h.getInt(b + 8));
            long filesz = is64 ? h.getLong(b + 32) : Integer.toUnsignedLong(h.getInt(b + 16));
            long memsz = is64 ? h.getLong(b + 40) : Integer.toUnsignedLong(h.getInt(b + 20));
            loads.add(new Segment(offset, vaddr, filesz, memsz, (flags & PF_X) != 0, (flags & PF_W) != 0));
        }
        loads.sort(Comparator.comparingLong(Segment::vaddr));
        return new LoadLayout(List.copyOf(loads), interpreter, riscvAttributes);
    }

    /** The file range PT_RISCV_ATTRIBUTES names (meaningful in a RISC-V file only), null when there is none. */
    Segment riscvAttributes() {
        return riscvAttributes;
    }

    /** Whether the file names a program interpreter (PT_INTERP): a program the kernel starts through its loader. */
    boolean hasInterpreter() {
        return interpreter;
    }

    /** The largest of {@link #PAGE_SIZES} every segment can be mapped under; 0 when there is no segment or none fits. */
    long pageLimit() {
        if (segments.isEmpty()) {
            return 0;
        }
        for (long page : PAGE_SIZES) {
            if (fits(page)) {
                return page;
            }
        }
        return 0;
    }

    private boolean fits(long page) {
        Segment previous = null;
        for (Segment s : segments) {
            if (((s.vaddr() - s.offset()) & (page - 1)) != 0) {
                return false;
            }
            if (previous != null && previous.memsz() > 0
                    && Long.divideUnsigned(previous.vaddr() + previous.memsz() - 1, page) >= Long.divideUnsigned(s.vaddr(), page)) {
                return false;
            }
            previous = s;
        }
        return true;
    }

    /** The executable segments' file ranges, {start, end} by file offset. */
    List<long[]> executableRanges() {
        return segments.stream().filter(Segment::executable).map(s -> new long[] {s.offset(), s.offset() + s.filesz()}).toList();
    }

    /** The writable segments' file ranges, {start, end} by file offset: where Go's linkers put its build info. */
    List<long[]> writableRanges() {
        return ranges(segments.stream().filter(Segment::writable).toList());
    }

    /**
     * The file ranges where read-only data (.rodata) lies: the read-only segments that are not
     * executable, where code has segments of its own (GNU ld's -z separate-code, lld, Go), else the
     * executable ones, which then hold .rodata after the code.
     */
    List<long[]> readOnlyDataRanges() {
        List<Segment> data = segments.stream().filter(s -> !s.writable() && !s.executable()).toList();
        return ranges(data.isEmpty() ? segments.stream().filter(Segment::executable).toList() : data);
    }

    private static List<long[]> ranges(List<Segment> in) {
        return in.stream().map(s -> new long[] {s.offset(), s.offset() + s.filesz()}).sorted(Comparator.comparingLong(r -> r[0])).toList();
    }

    /** Where the last executable segment ends in the file (0 when none). */
    long executableEnd() {
        return executableRanges().stream().mapToLong(r -> r[1]).max().orElse(0);
    }
}
