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
 * @param rank the level as a number to compare within its architecture: the x86-64 level (1 to 4);
 *     for arm64 80 + N for ARMv8.N and 85 + N for ARMv9.N ({@link #arm64Rank}); the POWER
 *     generation for ppc64le (8); the z generation for s390x (11 for z196, Debian's baseline, to 17);
 *     the RVA profile's year for riscv64 (20 for RV64GC, 22, 23); 0 where archgate compares no levels
 */
public record CpuBaseline(String level, String qemuCpu, int rank) {

    /**
     * Haswell less the features TCG does not implement (pcid, x2apic, tsc-deadline, invpcid), so
     * QEMU prints no "TCG doesn't support requested feature" warning into the program's output;
     * noTSX drops hle/rtm for the same reason. It keeps AVX, AVX2, BMI1/2, FMA, F16C, LZCNT, MOVBE.
     */
    static final String X86_64_V3_MODEL = "Haswell-noTSX,-pcid,-x2apic,-tsc-deadline,-invpcid";

    /**
     * QEMU 7.2's rv64 has Zba, Zbb, Zbc and Zbs on by default (a program with sh1add runs under it and
     * dies of SIGILL with them off), which RV64GC boards lack (see elf.RiscvLevel).
     */
    static final String RV64GC_MODEL = "rv64,zba=false,zbb=false,zbc=false,zbs=false";

    /** The baseline of {@code p}'s variant. */
    public static CpuBaseline of(Platform p) {
        return switch (p.architecture()) {
            case "amd64" -> switch (p.variant()) {
                case "v2" -> new CpuBaseline("x86-64-v2", "Nehalem", 2);
                case "v3" -> new CpuBaseline("x86-64-v3", X86_64_V3_MODEL, 3);
                case "v4" -> new CpuBaseline("x86-64-v4", null, 4);
                default -> new CpuBaseline("x86-64-v1", "qemu64", 1);
            };
            case "arm64" -> switch (p.variant()) {
                // QEMU 7.2 models no v8.1 core: cortex-a76 (v8.2) is the least one with v8.1's LSE atomics.
                case "v8.1", "v8.2" -> new CpuBaseline("ARM" + p.variant() + "-A", "cortex-a76", arm64Rank(p.variant()));
                case "v8.3", "v8.4", "v8.5", "v9" -> new CpuBaseline("ARM" + p.variant() + "-A", "max", arm64Rank(p.variant()));
                default -> new CpuBaseline("ARMv8.0-A", "cortex-a53", 80);
            };
            case "arm" -> switch (p.variant()) {
                case "v5" -> new CpuBaseline("ARMv5TE", "arm926", 0);
                case "v6" -> new CpuBaseline("ARMv6KZ with VFPv2", "arm1176", 0);
                // AArch32 of ARMv8: QEMU's arm emulator models no v8 A-profile core but its maximum.
                case "v8" -> new CpuBaseline("ARMv8-A (AArch32)", "max", 0);
                // The oldest ARMv7-A core QEMU models, without NEON, which neither Debian's armhf nor GOARM=7 assume.
                default -> new CpuBaseline("ARMv7-A with VFPv3", "cortex-a8,neon=off", 0);
            };
            case "ppc64le" -> new CpuBaseline("POWER8", "power8", 8);
            // QEMU's named z models ask for facilities its TCG lacks and refuse to start; "qemu" is its TCG model.
            // Debian's s390x is built for z196 (gcc's -march=z196 in its s390x port), the eleventh z generation.
            case "s390x" -> new CpuBaseline("z196 (z/Architecture as QEMU's TCG models it)", "qemu", 11);
            case "riscv64" -> new CpuBaseline("RV64GC", RV64GC_MODEL, 20);
            default -> new CpuBaseline("QEMU's default for " + p.architecture(), null, 0);
        };
    }

    /**
     * The baseline a fleet declares for {@code p} ({@code hardware.cpu} in archgate.yml): a CPU or level
     * by name, used both by the static level checks and as the CPU strict smoke runs emulate. Names:
     * riscv64 rv64gc (or rva20u64), rva22u64, rva23u64 (or rva22, rva23);
     * arm64 cortex-a35, cortex-a53, cortex-a57, cortex-a72 (ARMv8.0), cortex-a76, neoverse-n1, a64fx
     * (ARMv8.2), armv8.N-a, armv9-a; ppc64le power8, power9, power10; s390x z13 to z17 (emulated as QEMU's
     * "qemu" model, the one its TCG starts); amd64 x86-64-v1 to x86-64-v4. Empty for any other name.
     */
    public static Optional<CpuBaseline> named(Platform p, String name) {
        String n = name.toLowerCase(java.util.Locale.ROOT);
        return Optional.ofNullable(switch (p.architecture()) {
            case "arm64" -> switch (n) {
                case "cortex-a35", "cortex-a53", "cortex-a57", "cortex-a72" -> new CpuBaseline("ARMv8.0-A (" + n + ")", n, 80);
                case "cortex-a76", "neoverse-n1", "a64fx" -> new CpuBaseline("ARMv8.2-A (" + n + ")", n, 82);
                default -> n.matches("armv8\\.[0-5]-a|armv9-a") ? of(new Platform("linux", "arm64", n.substring(3, n.length() - 2))) : null;
            };
            case "ppc64le" -> n.matches("power(8|9|10)") ? new CpuBaseline(n.toUpperCase(java.util.Locale.ROOT), n, Integer.parseInt(n.substring(5)))
                    : null;
            case "s390x" -> n.matches("z1[3-7]") ? new CpuBaseline(n + " (emulated as QEMU's TCG models z/Architecture)", "qemu",
                    Integer.parseInt(n.substring(1))) : null;
            case "amd64" -> n.matches("x86-64-v[1-4]") ? of(new Platform("linux", "amd64", n.charAt(8) == '1' ? "" : n.substring(7))) : null;
            case "riscv64" -> riscv64(n);
            default -> null;
        });
    }

    /**
     * RISC-V's profiles. QEMU 7.2 has no Zicbom, Zicboz or Zfhmin (it has Zfh, which holds Zfhmin), and
     * none of RVA23's Zicond, Zcb, Zfa, Zawrs, Zimop or Zvfhmin: code that uses those dies of SIGILL
     * under its emulation though the profile allows them.
     */
    private static CpuBaseline riscv64(String n) {
        return switch (n) {
            case "rv64gc", "rva20", "rva20u64" -> new CpuBaseline("RV64GC", RV64GC_MODEL, 20);
            case "rva22", "rva22u64" -> new CpuBaseline("RVA22U64", "rv64,Zfh=true", 22);
            case "rva23", "rva23u64" -> new CpuBaseline("RVA23U64", "rv64,Zfh=true,v=true,vext_spec=v1.0,vlen=128", 23);
            default -> null;
        };
    }

    /** The names {@link #named} takes for {@code p}, for a message. */
    public static String names(Platform p) {
        return switch (p.architecture()) {
            case "arm64" -> "cortex-a35, cortex-a53, cortex-a57, cortex-a72, cortex-a76, neoverse-n1, a64fx, armv8.0-a ... armv8.5-a, armv9-a";
            case "ppc64le" -> "power8, power9, power10";
            case "s390x" -> "z13, z14, z15, z16, z17";
            case "amd64" -> "x86-64-v1, x86-64-v2, x86-64-v3, x86-64-v4";
            case "riscv64" -> "rv64gc (rva20u64), rva22u64, rva23u64";
            default -> "none (" + p + " has no CPU levels archgate compares)";
        };
    }

    /** The QEMU CPU model to emulate, if there is one for this level. */
    public Optional<String> model() {
        return Optional.ofNullable(qemuCpu);
    }

    /** v8.N as 80+N; v9.N as 85+N, since ARMv9.0 takes in ARMv8.5. */
    public static int arm64Rank(String version) {
        String[] parts = version.substring(1).split("\\.", 2);
        int major = Integer.parseInt(parts[0]);
        int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
        return major == 9 ? 85 + minor : 80 + minor;
    }
}
