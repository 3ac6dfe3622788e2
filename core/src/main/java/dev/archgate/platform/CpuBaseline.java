package dev.archgate.platform;

import java.util.Optional;

/**
 * The least capable CPU each platform variant promises, as a level a person knows and as the
 * QEMU 7.2 CPU model that strict smoke runs emulate, so that code built for a newer CPU dies
 * under emulation as it would on the oldest machine of that platform.
 *
 * <p>Every model below was run under this host's qemu-*-static 7.2 against Go programs and
 * Debian's own binaries of that platform. Where QEMU has no model at exactly a level, the next
 * model above is taken (never a stricter one, so a good image is never failed for it), and the
 * table says so. Where QEMU cannot provide a level at all (AVX-512 for x86-64-v4: QEMU 7.2's TCG
 * has none), there is no model and the variant runs natively on an x86-64 host.
 *
 * @param level the level in the words of the platform's documentation, e.g. "x86-64-v1"
 * @param qemuCpu the QEMU CPU model (with feature switches), null when QEMU's default is used or
 *     QEMU cannot emulate the level
 */
public record CpuBaseline(String level, String qemuCpu) {

    /**
     * Haswell less the features TCG does not implement (pcid, x2apic, tsc-deadline, invpcid), so
     * QEMU prints no "TCG doesn't support requested feature" warning into the program's output;
     * noTSX drops hle/rtm for the same reason. It keeps AVX, AVX2, BMI1/2, FMA, F16C, LZCNT, MOVBE.
     */
    static final String X86_64_V3_MODEL = "Haswell-noTSX,-pcid,-x2apic,-tsc-deadline,-invpcid";

    /** The baseline of {@code p}'s variant. */
    public static CpuBaseline of(Platform p) {
        return switch (p.architecture()) {
            case "amd64" -> switch (p.variant()) {
                case "v2" -> new CpuBaseline("x86-64-v2", "Nehalem");
                case "v3" -> new CpuBaseline("x86-64-v3", X86_64_V3_MODEL);
                case "v4" -> new CpuBaseline("x86-64-v4", null);
                default -> new CpuBaseline("x86-64-v1", "qemu64");
            };
            case "arm64" -> switch (p.variant()) {
                // QEMU 7.2 models no v8.1 core: cortex-a76 (v8.2) is the least one with v8.1's LSE atomics.
                case "v8.1", "v8.2" -> new CpuBaseline("ARM" + p.variant() + "-A", "cortex-a76");
                case "v8.3", "v8.4", "v8.5", "v9" -> new CpuBaseline("ARM" + p.variant() + "-A", "max");
                default -> new CpuBaseline("ARMv8.0-A", "cortex-a53");
            };
            case "arm" -> switch (p.variant()) {
                case "v5" -> new CpuBaseline("ARMv5TE", "arm926");
                case "v6" -> new CpuBaseline("ARMv6KZ with VFPv2", "arm1176");
                // AArch32 of ARMv8: QEMU's arm emulator models no v8 A-profile core but its maximum.
                case "v8" -> new CpuBaseline("ARMv8-A (AArch32)", "max");
                // The oldest ARMv7-A core QEMU models, without NEON, which neither Debian's armhf nor GOARM=7 assume.
                default -> new CpuBaseline("ARMv7-A with VFPv3", "cortex-a8,neon=off");
            };
            case "ppc64le" -> new CpuBaseline("POWER8", "power8");
            // QEMU's named z models ask for facilities its TCG lacks and refuse to start; "qemu" is its TCG model.
            case "s390x" -> new CpuBaseline("z/Architecture as QEMU's TCG models it", "qemu");
            case "riscv64" -> new CpuBaseline("RV64GC", "rv64");
            default -> new CpuBaseline("QEMU's default for " + p.architecture(), null);
        };
    }

    /** The QEMU CPU model to emulate, if there is one for this level. */
    public Optional<String> model() {
        return Optional.ofNullable(qemuCpu);
    }
}
