package dev.archgate.elf;

import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import java.util.Optional;

/**
 * The CPU levels read from a file's code and loader rather than recorded by its build, judged against
 * the platform's baseline (its variant's, or hardware.cpu's):
 * <ul>
 * <li>AArch64 LSE atomics outside any CPU check need ARMv8.1: Cortex-A53 and A72 (Raspberry Pi 3 and
 *     4, Graviton1) die of SIGILL on them. Code can choose them at run time (libgcc's outline atomics,
 *     a getauxval check), so a file that shows run-time dispatch is excused (not {@link ElfMismatch#wholeFile()});</li>
 * <li>a glibc loader built for a newer CPU refuses older ones before any program code runs ("Fatal
 *     glibc error: CPU lacks VXE support (z14 or later required)", "(POWER9 or later required)", "CPU
 *     does not support x86-64-v2"): RHEL 9 and 10 userlands do this. Nothing excuses it.</li>
 * </ul>
 */
final class HardwareLevel {
    private HardwareLevel() {}

    static Optional<ElfMismatch> judge(HardwareFacts hardware, Platform platform, CpuBaseline baseline) {
        if (hardware.inlineAtomics() != null && platform.architecture().equals("arm64") && baseline.rank() < CpuBaseline.arm64Rank("v8.1")) {
            return Optional.of(new ElfMismatch(ElfMismatch.Kind.CPU_LEVEL, hardware.inlineAtomics() + ", but " + platform + " promises only "
                    + baseline.level() + "; build with -march=armv8-a (GCC's default -moutline-atomics keeps LSE behind a CPU check), or "
                    + "publish it as linux/arm64/v8.1", false));
        }
        String floor = hardware.loaderFloor();
        Integer rank = floor == null ? null : floorRank(floor, platform);
        if (rank != null && rank > baseline.rank()) {
            return Optional.of(new ElfMismatch(ElfMismatch.Kind.CPU_LEVEL, "a glibc built for " + floor + " (its loader stops every program on "
                    + "an older CPU with \"Fatal glibc error: CPU ...\"), but " + platform + " promises only "
                    + baseline.level() + "; use a base image built for the platform's baseline, or declare the fleet's CPU: hardware.cpu: {"
                    + platform + ": " + floor.toLowerCase(java.util.Locale.ROOT) + "}", true));
        }
        return Optional.empty();
    }

    /** A loader floor's rank in {@link CpuBaseline#rank()}'s terms, null when it is not of this platform's architecture. */
    private static Integer floorRank(String floor, Platform platform) {
        return switch (platform.architecture()) {
            case "s390x" -> floor.matches("z1[0-9]") ? Integer.parseInt(floor.substring(1)) : null;
            case "ppc64le" -> floor.matches("POWER[0-9]+") ? Integer.parseInt(floor.substring(5)) : null;
            case "amd64" -> floor.matches("x86-64-v[2-4]") ? floor.charAt(8) - '0' : null;
            default -> null;
        };
    }
}
