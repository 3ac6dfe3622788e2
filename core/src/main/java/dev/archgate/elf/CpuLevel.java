package dev.archgate.elf;

import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether the CPU level a file records (the x86 ISA note, Go's level settings) is within what the
 * platform variant promises: linux/amd64 promises x86-64-v1, linux/amd64/v3 v3, and so on;
 * linux/arm64 ARMv8.0 (its variants v8.N and v9.N more); linux/ppc64le POWER8; linux/riscv64
 * RV64GC (RVA20U64), its extensions judged by {@link RiscvLevel}. 32-bit ARM levels are
 * {@link ElfExpectation}'s ARM attributes and GOARM.
 *
 * <p>Go's settings and their values are those of Go's src/internal/buildcfg/cfg.go (1.24), which
 * cmd/go writes into the build info (cfg.GetArchEnv): GOAMD64 v1..v4; GOARM64 v8.0..v8.9 or
 * v9.0..v9.5 with ",lse" and ",crypto" in any order (v8.1 and later imply LSE); GOPPC64 power8,
 * power9, power10; GORISCV64 rva20u64, rva22u64 (rva23u64 from Go 1.25). GO386 (sse2,
 * softfloat), GOMIPS and GOMIPS64 (hardfloat, softfloat) choose no level above the ports' own
 * baselines, which no platform variant splits, so they are read and never judged. A Go setting
 * applies to every function Go compiled, and glibc's loader refuses a program or library whose
 * x86 ISA note asks for more than the CPU has ("CPU ISA level is lower than required",
 * sysdeps/x86/dl-prop.h, glibc 2.33 and later; seen here with a library built from an -mneeded
 * x86-64-v3 object and an IFUNC resolver under QEMU's qemu64), so both are
 * {@link ElfMismatch#wholeFile()}: no run-time dispatch excuses them.
 */
final class CpuLevel {
    private CpuLevel() {}

    static Optional<ElfMismatch> judge(ElfInfo elf, Platform platform, CpuBaseline baseline) {
        CpuFacts cpu = elf.cpu();
        Optional<ElfMismatch> recorded = switch (platform.architecture()) {
            case "amd64" -> amd64(cpu, platform);
            case "arm64" -> arm64(cpu, platform);
            case "ppc64le" -> ppc64le(cpu, platform);
            case "riscv64" -> riscv64(cpu, platform).or(() -> elf.hardware().riscvArch() == null ? Optional.empty()
                    : RiscvLevel.judge(elf.hardware().riscvArch(), platform, baseline));
            default -> Optional.empty();
        };
        if (recorded.isPresent() || baseline.rank() == 0) {
            return recorded;
        }
        return HardwareLevel.judge(elf.hardware(), platform, baseline);
    }

    /** The x86-64 level a linux/amd64 variant promises: 1 without a variant, else its number. */
    static int amd64Level(Platform p) {
        return p.variant().isEmpty() ? 1 : p.variant().charAt(1) - '0';
    }

    private static Optional<ElfMismatch> amd64(CpuFacts cpu, Platform platform) {
        int allowed = amd64Level(platform);
        Integer go = cpu.goAmd64Level();
        if (go != null && go > allowed) {
            return mismatch("x86-64-v" + go + " code (Go, GOAMD64=" + cpu.goAmd64() + ")", platform, "x86-64-v" + allowed,
                    "build with GOAMD64=v" + allowed + (platformFor(go)), true);
        }
        Integer isa = cpu.x86IsaLevel();
        if (isa != null && isa > allowed) {
            return mismatch("x86-64-v" + isa + " code (GNU property note: x86 ISA needed v" + isa + ")", platform, "x86-64-v" + allowed,
                    "build with -march=" + (allowed == 1 ? "x86-64" : "x86-64-v" + allowed) + platformFor(isa), true);
        }
        return Optional.empty();
    }

    private static String platformFor(int level) {
        return ", or publish it as linux/amd64/v" + level;
    }

    /**
     * GOARM64's version against the variant's, then its extensions: LSE atomics are ARMv8.1's, so
     * ",lse" is above a v8.0 variant; the crypto instructions are optional at every version (the
     * Raspberry Pi 4's Cortex-A72 lacks them), so no variant promises ",crypto".
     */
    private static Optional<ElfMismatch> arm64(CpuFacts cpu, Platform platform) {
        String version = cpu.goArm64Version();
        if (version == null) {
            return Optional.empty();
        }
        String allowed = platform.variant().isEmpty() ? "v8.0" : platform.variant();
        String fix = "build with GOARM64=" + allowed;
        if (CpuBaseline.arm64Rank(version) > CpuBaseline.arm64Rank(allowed)) {
            return mismatch("ARM" + version + "-A code (Go, GOARM64=" + cpu.goArm64() + ")", platform, "ARM" + allowed + "-A",
                    fix + ", or publish it as linux/arm64/" + version, true);
        }
        List<String> extensions = List.of(cpu.goArm64().split(","));
        if (extensions.contains("lse") && CpuBaseline.arm64Rank(allowed) < CpuBaseline.arm64Rank("v8.1")) {
            return mismatch("code with ARMv8.1's LSE atomics (Go, GOARM64=" + cpu.goArm64() + ")", platform, "ARM" + allowed + "-A",
                    fix + ", or publish it as linux/arm64/v8.1", true);
        }
        if (extensions.contains("crypto")) {
            return mismatch("code with the optional crypto instructions (Go, GOARM64=" + cpu.goArm64() + ")", platform,
                    "ARM" + allowed + "-A, where they are optional", fix + " without ,crypto", true);
        }
        return Optional.empty();
    }

    /** linux/ppc64le is POWER8 and later (Go's and Debian's ppc64el baseline); no variant promises more. */
    private static Optional<ElfMismatch> ppc64le(CpuFacts cpu, Platform platform) {
        return goSettingAbove(cpu, platform, "GOPPC64", "power(9|1[0-9])", "POWER8", "power8");
    }

    /** linux/riscv64 is RV64GC (the RVA20U64 profile, Go's default); rva22u64 adds Zba, Zbb, Zbs. */
    private static Optional<ElfMismatch> riscv64(CpuFacts cpu, Platform platform) {
        return goSettingAbove(cpu, platform, "GORISCV64", "rva(2[1-9]|[3-9][0-9])u64", "RV64GC (RVA20U64)", "rva20u64");
    }

    /** A Go setting whose value matches {@code above} (a level above the platform's {@code allowed}), as a mismatch. */
    private static Optional<ElfMismatch> goSettingAbove(CpuFacts cpu, Platform platform, String setting, String above, String allowed,
                                                        String baseline) {
        String v = cpu.go().get(setting);
        if (v == null || !v.matches(above)) {
            return Optional.empty();
        }
        return mismatch(v.toUpperCase(Locale.ROOT) + " code (Go, " + setting + "=" + v + ")", platform, allowed,
                "build with " + setting + "=" + baseline, true);
    }

    private static Optional<ElfMismatch> mismatch(String found, Platform platform, String allowed, String fix, boolean wholeFile) {
        return Optional.of(new ElfMismatch(ElfMismatch.Kind.CPU_LEVEL,
                found + ", but " + platform + " promises only " + allowed + "; " + fix, wholeFile));
    }
}
