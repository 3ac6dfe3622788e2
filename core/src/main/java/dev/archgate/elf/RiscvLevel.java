package dev.archgate.elf;

import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The RISC-V extensions a file's Tag_RISCV_arch records, judged against the platform's profile:
 * linux/riscv64 promises RV64GC (RVA20U64: Go's and Debian's baseline); hardware.cpu may raise it to
 * RVA22U64 or RVA23U64 (RISC-V International's profiles, rva23-profile.adoc). The attribute is the
 * linker's union of what every object was built for, and the psABI (riscv-elf.adoc, "Mapping
 * Symbol") keeps code chosen at run time out of it ("the arch attribute is recording for minimal
 * execution environment requirements"), so an extension there is needed by the whole file: no
 * run-time dispatch excuses it ({@link ElfMismatch#wholeFile()}).
 *
 * <p>Which boards lack what, from the boards' own descriptions: the StarFive JH7110 (VisionFive 2,
 * Milk-V Mars; SiFive U74 cores) reports rv64imafdc_zicntr_zicsr_zifencei_zihpm_zba_zbb in
 * /proc/cpuinfo; SiFive's FU740 (HiFive Unmatched) is rv64imafdc in Linux's device tree; T-Head's
 * C906 (Allwinner D1, Sophgo CV1800B) is rv64imafdc with zicntr, zicsr, zifencei and zihpm there, its
 * vector unit the draft 0.7.1, which code built for V 1.0 cannot use. None has V 1.0.
 */
final class RiscvLevel {
    /**
     * RV64GC as toolchains spell it out (zmmul, zaamo/zalrsc and zca/zcd are parts of M, A and C), with
     * RVA20U64's counters and named features, and hints that older cores execute as no-ops (zihintpause
     * is a FENCE, zihintntl an ADD to x0, zicbop an ORI to x0).
     */
    private static final Set<String> RVA20 = Set.of("i", "m", "a", "f", "d", "c", "zicsr", "zifencei", "zmmul", "zaamo", "zalrsc",
            "zca", "zcd", "zicntr", "zihpm", "ziccif", "ziccrse", "ziccamoa", "za128rs", "zicclsm", "zihintpause", "zihintntl", "zicbop");
    private static final Set<String> RVA22_ADDS = Set.of("zba", "zbb", "zbs", "zicbom", "zicboz", "zfhmin", "zkt", "zic64b", "za64rs");
    private static final Set<String> RVA23_ADDS = Set.of("v", "zve32f", "zve32x", "zve64d", "zve64f", "zve64x", "zvl32b", "zvl64b",
            "zvl128b", "zvfhmin", "zvbb", "zvkb", "zvkt", "zicond", "zimop", "zcmop", "zcb", "zfa", "zawrs", "supm");
    private static final String NO_VECTOR = "StarFive JH7110 (VisionFive 2, Milk-V Mars), SiFive FU740 (HiFive Unmatched), "
            + "Allwinner D1 and Sophgo CV1800B (T-Head C906: only the draft vector 0.7.1)";
    private static final String NO_ZBA_ZBB = "SiFive FU740 (HiFive Unmatched), Allwinner D1 and Sophgo CV1800B (T-Head C906)";
    private static final String NEITHER = "StarFive JH7110 (VisionFive 2), SiFive FU740 (HiFive Unmatched), Allwinner D1 (T-Head C906)";

    private RiscvLevel() {}

    static Optional<ElfMismatch> judge(String arch, Platform platform, CpuBaseline baseline) {
        Set<String> above = new LinkedHashSet<>(extensions(arch));
        above.removeAll(allowed(baseline.rank()));
        if (above.isEmpty()) {
            return Optional.empty();
        }
        if (above.contains("v")) {
            above.removeIf(e -> e.startsWith("zve") || e.startsWith("zvl")); // what V itself implies
        }
        List<String> named = above.stream().map(RiscvLevel::name).toList();
        String lacking = above.stream().anyMatch(e -> e.equals("v") || e.startsWith("zv")) ? NO_VECTOR
                : above.stream().allMatch(e -> e.equals("zba") || e.equals("zbb")) ? NO_ZBA_ZBB : NEITHER;
        int needed = above.stream().allMatch(RVA22_ADDS::contains) ? 22 : above.stream().allMatch(e -> RVA22_ADDS.contains(e)
                || RVA23_ADDS.contains(e)) ? 23 : 0;
        String declare = needed > baseline.rank() ? ", or declare the fleet's CPU: hardware.cpu: {" + platform + ": rva" + needed + "u64}" : "";
        return Optional.of(new ElfMismatch(ElfMismatch.Kind.CPU_LEVEL, "RISC-V code built for " + String.join(", ", named)
                + " (.riscv.attributes), but " + platform + " promises only " + baseline.level() + ", and boards without "
                + (named.size() == 1 ? "it" : "them") + " are common: " + lacking + "; build with -march=" + march(baseline.rank()) + declare,
                true));
    }

    /** The extensions of a Tag_RISCV_arch string, by name without version, G spelt out (e.g. "rv64i2p1_m2p0_zba1p0" as i, m, zba). */
    static Set<String> extensions(String arch) {
        Set<String> out = new LinkedHashSet<>();
        String a = arch.toLowerCase(Locale.ROOT);
        if (a.startsWith("rv32") || a.startsWith("rv64")) {
            a = a.substring(4);
        }
        for (String token : a.split("_")) {
            String name = token.replaceFirst("[0-9]+(p[0-9]+)?$", "");
            if (name.isEmpty()) {
                continue;
            }
            if (name.startsWith("z") || name.startsWith("s") || name.startsWith("x")) {
                out.add(name);
            } else {
                // Single-letter extensions, one per token in the canonical form, run together in older strings ("imafdc").
                for (String letter : singleLetters(name)) {
                    out.addAll(letter.equals("g") ? List.of("i", "m", "a", "f", "d", "zicsr", "zifencei") : List.of(letter));
                }
            }
        }
        return out;
    }

    private static List<String> singleLetters(String run) {
        List<String> out = new ArrayList<>();
        for (String part : run.split("[0-9]+(p[0-9]+)?")) {
            for (char c : part.toCharArray()) {
                out.add(String.valueOf(c));
            }
        }
        return out;
    }

    private static Set<String> allowed(int rank) {
        Set<String> out = new LinkedHashSet<>(RVA20);
        if (rank >= 22) {
            out.addAll(RVA22_ADDS);
        }
        if (rank >= 23) {
            out.addAll(RVA23_ADDS);
        }
        return out;
    }

    private static String march(int rank) {
        return rank >= 23 ? "rva23u64" : rank >= 22 ? "rva22u64" : "rv64gc";
    }

    private static String name(String extension) {
        return switch (extension) {
            case "v" -> "V (vector 1.0)";
            case "zba", "zbb", "zbs" -> extension.substring(0, 1).toUpperCase(Locale.ROOT) + extension.substring(1) + " (bit manipulation)";
            default -> extension.startsWith("x") ? extension + " (a vendor's own extension)"
                    : extension.length() == 1 ? extension.toUpperCase(Locale.ROOT) : extension.substring(0, 1).toUpperCase(Locale.ROOT) + extension.substring(1);
        };
    }
}
