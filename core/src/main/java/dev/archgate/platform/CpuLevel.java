package dev.archgate.platform;

import dev.archgate.elf.CpuFacts;
import dev.archgate.elf.ElfInfo;
import java.util.Optional;

/**
 * Whether the CPU level a file records (Go's GOAMD64 and GOARM64, the x86 ISA note) is within
 * what the platform variant promises: linux/amd64 promises x86-64-v1, linux/amd64/v3 v3, and so
 * on; linux/arm64 promises ARMv8.0, linux/arm64/v8.2 ARMv8.2. 32-bit ARM levels are
 * {@link ElfExpectation}'s ARM attributes and GOARM.
 */
final class CpuLevel {
    private CpuLevel() {}

    static Optional<ElfMismatch> judge(ElfInfo elf, Platform platform) {
        CpuFacts cpu = elf.cpu();
        return switch (platform.architecture()) {
            case "amd64" -> amd64(cpu, platform);
            case "arm64" -> arm64(cpu, platform);
            default -> Optional.empty();
        };
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
                    "build with GOAMD64=v" + allowed + (platformFor(go)));
        }
        Integer isa = cpu.x86IsaLevel();
        if (isa != null && isa > allowed) {
            return mismatch("x86-64-v" + isa + " code (GNU property note: x86 ISA needed v" + isa + ")", platform, "x86-64-v" + allowed,
                    "build with -march=" + (allowed == 1 ? "x86-64" : "x86-64-v" + allowed) + platformFor(isa));
        }
        return Optional.empty();
    }

    private static String platformFor(int level) {
        return ", or publish it as linux/amd64/v" + level;
    }

    private static Optional<ElfMismatch> arm64(CpuFacts cpu, Platform platform) {
        String version = cpu.goArm64Version();
        if (version == null) {
            return Optional.empty();
        }
        String allowed = platform.variant().isEmpty() ? "v8.0" : platform.variant();
        if (arm64Rank(version) > arm64Rank(allowed)) {
            return mismatch("ARM" + version + "-A code (Go, GOARM64=" + cpu.goArm64() + ")", platform, "ARM" + allowed + "-A",
                    "build with GOARM64=" + allowed + ", or publish it as linux/arm64/" + version);
        }
        return Optional.empty();
    }

    /** v8.N as 80+N; v9.N as 85+N, since ARMv9.0 takes in ARMv8.5. */
    static int arm64Rank(String version) {
        String[] parts = version.substring(1).split("\\.", 2);
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return major == 9 ? 85 + minor : 80 + minor;
    }

    private static Optional<ElfMismatch> mismatch(String found, Platform platform, String allowed, String fix) {
        return Optional.of(new ElfMismatch(ElfMismatch.Kind.CPU_LEVEL,
                found + ", but " + platform + " promises only " + allowed + "; " + fix));
    }
}
