package dev.archgate.elf;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Whether a dynamically linked file picks code by the CPU it runs on, read from its own dynamic
 * symbol and relocation tables (which linkers put at the start of the file, before the code: in
 * Debian's libcrypto.so.3 for amd64 they end at 0xc4be8 of 4.7 MB). The evidence, each checked
 * against Debian 12's files with readelf:
 * <ul>
 * <li>GNU indirect functions: a defined STT_GNU_IFUNC symbol, or an R_*_IRELATIVE relocation
 *     (the loader calls the file's resolver, which chooses by CPU: glibc's string functions on
 *     every architecture, e.g. 58 IFUNC symbols and 40 IRELATIVE relocations in libc.so.6 for
 *     amd64, 2 of each for armhf);</li>
 * <li>an import of {@code getauxval} or {@code __getauxval} (glibc's reader of AT_HWCAP and
 *     AT_HWCAP2, the kernel's CPU feature bits for ARM, PowerPC and s390x): libgcrypt.so.20 for
 *     armhf, whose Tag_CPU_arch is v8 (hwf-arm.c chooses its ARMv8 crypto code from HWCAP),
 *     libcrypto.so.3 for armhf, arm64, ppc64el and s390x (OpenSSL's armcap.c, ppccap.c,
 *     s390xcap.c), libjemalloc.so.2 for arm64; {@code elf_aux_info} is the BSDs' equivalent;</li>
 * <li>an import of libgcc's CPU model for {@code __builtin_cpu_supports} and function
 *     multi-versioning: {@code __cpu_model}, {@code __cpu_features2}, {@code __cpu_indicator_init}
 *     (x86, exported by libgcc_s.so.1 with GCC_4.8.0) and {@code __aarch64_cpu_features},
 *     {@code __init_cpu_features_resolver} (AArch64, GCC 14 and compiler-rt).</li>
 * </ul>
 * Not evidence: x86's {@code cpuid} instruction (libgcrypt's and OpenSSL's amd64 builds execute it
 * directly and import nothing), since its two bytes (0f a2) occur in any code or data and cannot
 * be told apart without disassembling; the same for a read of /proc/self/auxv. A file whose only
 * dispatch is such code shows none here, so a level finding on it stays an error when the platform
 * runs it (fail closed). Static programs are read for none: their IRELATIVE relocations are the C
 * library's own, linked in, and say nothing of the program's code. Only a level read from ARM
 * build attributes can be excused by this evidence (an x86 ISA note is enforced by glibc's loader
 * before any code runs, a Go setting covers all of a program), so the scanner reads it for 32-bit
 * ARM files only.
 */
final class CpuDispatch {
    static final long DT_HASH = 4;
    static final long DT_STRTAB = 5;
    static final long DT_SYMTAB = 6;
    static final long DT_RELA = 7;
    static final long DT_RELASZ = 8;
    static final long DT_RELAENT = 9;
    static final long DT_STRSZ = 10;
    static final long DT_SYMENT = 11;
    static final long DT_REL = 17;
    static final long DT_RELSZ = 18;
    static final long DT_RELENT = 19;
    static final long DT_PLTREL = 20;
    static final long DT_PLTRELSZ = 2;
    static final long DT_JMPREL = 23;
    private static final int STT_GNU_IFUNC = 10;
    private static final int MAX_SYMBOLS = 1 << 20;
    private static final Set<String> IMPORTS = Set.of("getauxval", "__getauxval", "elf_aux_info", "__cpu_model", "__cpu_features2",
            "__cpu_indicator_init", "__aarch64_cpu_features", "__init_cpu_features_resolver");
    /** R_*_IRELATIVE by e_machine, from glibc's elf.h. */
    private static final Map<Integer, Integer> IRELATIVE = Map.of(
            3, 42, // R_386_IRELATIVE
            20, 248, // R_PPC_IRELATIVE
            21, 248, // R_PPC64_IRELATIVE
            22, 61, // R_390_IRELATIVE
            40, 160, // R_ARM_IRELATIVE
            62, 37, // R_X86_64_IRELATIVE
            183, 1032, // R_AARCH64_IRELATIVE
            243, 58, // R_RISCV_IRELATIVE
            258, 12); // R_LARCH_IRELATIVE

    private final KeptBytes kept;
    private final boolean is64;
    private final int machine;
    private final Map<Long, Long> tags;
    private final LongFunction<Long> fileOffset;

    private CpuDispatch(KeptBytes kept, boolean is64, int machine, Map<Long, Long> tags, LongFunction<Long> fileOffset) {
        this.kept = kept;
        this.is64 = is64;
        this.machine = machine;
        this.tags = tags;
        this.fileOffset = fileOffset;
    }

    /**
     * The evidence of dispatch in words, null when none is found.
     *
     * @param kept the bytes of the file that were kept, the dynamic tables among them
     * @param tags the dynamic section's entries (first value of each tag)
     * @param fileOffset the file offset of a virtual address, null when no segment holds it
     */
    static String evidence(KeptBytes kept, boolean is64, int machine, Map<Long, Long> tags, LongFunction<Long> fileOffset) {
        return new CpuDispatch(kept, is64, machine, tags, fileOffset).find();
    }

    private String find() {
        List<String> found = new ArrayList<>();
        symbols(found);
        int irelative = irelative(DT_RELA, DT_RELASZ, true) + irelative(DT_REL, DT_RELSZ, false)
                + irelative(DT_JMPREL, DT_PLTRELSZ, tags.getOrDefault(DT_PLTREL, DT_RELA) == DT_RELA);
        if (irelative > 0) {
            found.add(irelative + " IRELATIVE relocation" + (irelative == 1 ? "" : "s"));
        }
        return found.isEmpty() ? null : String.join(", ", found);
    }

    private void symbols(List<String> found) {
        Long symtab = offsetOf(DT_SYMTAB);
        Long strtab = offsetOf(DT_STRTAB);
        Long strsz = tags.get(DT_STRSZ);
        int entry = (int) (long) tags.getOrDefault(DT_SYMENT, is64 ? 24L : 16L);
        if (symtab == null || strtab == null || strsz == null || entry < (is64 ? 24 : 16)) {
            return;
        }
        long count = symbolCount(symtab, strtab, entry);
        ByteBuffer table = kept.from(symtab, count * entry);
        int ifuncs = 0;
        List<String> imports = new ArrayList<>();
        for (long i = 1; i < count && table != null; i++) {
            if ((i + 1) * entry > table.limit()) {
                break;
            }
            int base = (int) (i * entry);
            long name = Integer.toUnsignedLong(table.getInt(base));
            int info = table.get(base + (is64 ? 4 : 12)) & 0xff;
            int shndx = Short.toUnsignedInt(table.getShort(base + (is64 ? 6 : 14)));
            if ((info & 0xf) == STT_GNU_IFUNC && shndx != 0) {
                ifuncs++;
            } else if (shndx == 0 && name < strsz) {
                String n = string(strtab + name);
                if (n != null && IMPORTS.contains(n) && !imports.contains(n)) {
                    imports.add(n);
                }
            }
        }
        imports.forEach(n -> found.add("imports " + n));
        if (ifuncs > 0) {
            found.add(ifuncs + " IFUNC symbol" + (ifuncs == 1 ? "" : "s"));
        }
    }

    /**
     * How many entries .dynsym has: DT_HASH's nchain when there is one, else up to the string
     * table, which GNU ld, gold and lld place right after the symbol table.
     */
    private long symbolCount(long symtab, long strtab, int entry) {
        Long hash = offsetOf(DT_HASH);
        ByteBuffer h = hash == null ? null : kept.slice(hash, 8);
        if (h != null) {
            return Math.min(Integer.toUnsignedLong(h.getInt(4)), MAX_SYMBOLS);
        }
        return strtab > symtab ? Math.min((strtab - symtab) / entry, MAX_SYMBOLS) : 0;
    }

    private int irelative(long tableTag, long sizeTag, boolean rela) {
        Long table = offsetOf(tableTag);
        Long size = tags.get(sizeTag);
        Integer wanted = IRELATIVE.get(machine);
        if (table == null || size == null || wanted == null) {
            return 0;
        }
        int entry = is64 ? (rela ? 24 : 16) : (rela ? 12 : 8);
        ByteBuffer relocations = kept.from(table, size);
        int count = 0;
        for (int at = 0; relocations != null && at + entry <= relocations.limit(); at += entry) {
            long info = is64 ? relocations.getLong(at + 8) : Integer.toUnsignedLong(relocations.getInt(at + 4));
            long type = is64 ? info & 0xffffffffL : info & 0xff;
            if (type == wanted) {
                count++;
            }
        }
        return count;
    }

    private Long offsetOf(long tag) {
        Long address = tags.get(tag);
        return address == null ? null : fileOffset.apply(address);
    }

    /** The NUL-terminated name at {@code offset}, null when it does not end within the kept bytes or is longer than any wanted. */
    private String string(long offset) {
        ByteBuffer name = kept.from(offset, 32);
        for (int i = 0; name != null && i < name.limit(); i++) {
            if (name.get(i) == 0) {
                byte[] b = new byte[i];
                name.get(0, b);
                return new String(b, StandardCharsets.ISO_8859_1);
            }
        }
        return null;
    }
}
