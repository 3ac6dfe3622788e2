package dev.archgate.elf;

import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import java.nio.ByteOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the ELF files of one platform must say: machine, class and byte order, and for 32-bit ARM
 * the architecture levels (Tag_CPU_arch) its variant can execute and whether it promises a VFP unit.
 */
public record ElfExpectation(int machine, int elfClass, ByteOrder byteOrder, Set<Integer> armLevels) {
    public static final int EM_386 = 3;
    public static final int EM_MIPS = 8;
    public static final int EM_PPC = 20;
    public static final int EM_PPC64 = 21;
    public static final int EM_S390 = 22;
    public static final int EM_ARM = 40;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int EM_LOONGARCH = 258;

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    /** Tag_CPU_arch values by name (ARM ELF ABI addenda; binutils' elf/arm.h), for messages. */
    private static final Map<Integer, String> ARM_LEVEL_NAMES = Map.ofEntries(
            Map.entry(0, "pre-ARMv4"), Map.entry(1, "ARMv4"), Map.entry(2, "ARMv4T"), Map.entry(3, "ARMv5T"),
            Map.entry(4, "ARMv5TE"), Map.entry(5, "ARMv5TEJ"), Map.entry(6, "ARMv6"), Map.entry(7, "ARMv6KZ"),
            Map.entry(8, "ARMv6T2"), Map.entry(9, "ARMv6K"), Map.entry(10, "ARMv7"), Map.entry(11, "ARMv6-M"),
            Map.entry(12, "ARMv6S-M"), Map.entry(13, "ARMv7E-M"), Map.entry(14, "ARMv8-A"), Map.entry(15, "ARMv8-R"),
            Map.entry(16, "ARMv8-M baseline"), Map.entry(17, "ARMv8-M mainline"), Map.entry(18, "ARMv8.1-A"),
            Map.entry(19, "ARMv8.2-A"), Map.entry(20, "ARMv8.3-A"), Map.entry(21, "ARMv8.1-M mainline"), Map.entry(22, "ARMv9-A"));

    private static final Set<Integer> UP_TO_V5 = Set.of(0, 1, 2, 3, 4, 5);
    /**
     * ARMv5 boards (ARM926EJ-S and the like) have no VFP unit, and Debian's armel, the usual arm/v5
     * user space, assumes none; a hard-float file passes floats in VFP registers at every call.
     */
    private static final int MAX_LEVEL_WITHOUT_VFP = 5;
    /**
     * ARMv6 boards (Raspberry Pi Zero and 1, ARM1176JZF-S) implement v6KZ, which includes v6K; v6T2
     * adds Thumb-2, which they lack (only the ARM1156T2 had it, never in a Linux board), so v6T2
     * code is not allowed: a Thumb-2 instruction dies with SIGILL there.
     */
    private static final Set<Integer> UP_TO_V6 = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 9);
    private static final Set<Integer> UP_TO_V7 = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    /** AArch32 on ARMv8.0 cores; the M and R profiles (11 to 13, 15 to 17) never run Linux user space. */
    private static final Set<Integer> UP_TO_V8 = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14);

    /** Every platform archgate knows, least demanding ARM variant first, for {@link #builtFor}. */
    private static final List<Platform> KNOWN = List.of(
            Platform.of("linux", "amd64"), Platform.of("linux", "arm64"),
            new Platform("linux", "arm", "v5"), new Platform("linux", "arm", "v6"),
            new Platform("linux", "arm", "v7"), new Platform("linux", "arm", "v8"),
            Platform.of("linux", "386"), Platform.of("linux", "ppc64le"), Platform.of("linux", "s390x"),
            Platform.of("linux", "riscv64"), Platform.of("linux", "mips64le"), Platform.of("linux", "loong64"));

    public ElfExpectation {
        armLevels = Set.copyOf(armLevels);
    }

    public static ElfExpectation of(Platform p) {
        return switch (p.architecture()) {
            case "amd64" -> new ElfExpectation(EM_X86_64, 64, LE, Set.of());
            case "arm64" -> new ElfExpectation(EM_AARCH64, 64, LE, Set.of());
            case "arm" -> new ElfExpectation(EM_ARM, 32, LE, switch (p.variant()) {
                case "v5" -> UP_TO_V5;
                case "v6" -> UP_TO_V6;
                case "v8" -> UP_TO_V8;
                default -> UP_TO_V7;
            });
            case "386" -> new ElfExpectation(EM_386, 32, LE, Set.of());
            case "ppc64le" -> new ElfExpectation(EM_PPC64, 64, LE, Set.of());
            case "s390x" -> new ElfExpectation(EM_S390, 64, BE, Set.of());
            case "riscv64" -> new ElfExpectation(EM_RISCV, 64, LE, Set.of());
            case "mips64le" -> new ElfExpectation(EM_MIPS, 64, LE, Set.of());
            case "loong64" -> new ElfExpectation(EM_LOONGARCH, 64, LE, Set.of());
            default -> throw new IllegalArgumentException("no ELF expectation for " + p);
        };
    }

    /**
     * Why a file's code cannot run on the platform; empty when it can, when that is unknown (an
     * ARM file whose level nothing records), or when it is no ELF file.
     */
    public Optional<ElfMismatch> judge(ElfInfo elf, Platform platform) {
        return judge(elf, platform, CpuBaseline.of(platform));
    }

    /** As {@link #judge(ElfInfo, Platform)}, with the CPU levels judged against {@code baseline} (hardware.cpu). */
    public Optional<ElfMismatch> judge(ElfInfo elf, Platform platform, CpuBaseline baseline) {
        if (!elf.isElf()) {
            return Optional.empty();
        }
        if (elf.machine() != machine || elf.elfClass() != elfClass || !byteOrder.equals(elf.byteOrder())) {
            return Optional.of(new ElfMismatch(ElfMismatch.Kind.ARCHITECTURE,
                    describe(elf) + " code, but " + platform + " runs " + machineName(machine, elfClass, byteOrder) + " code"));
        }
        if (armLevels.isEmpty()) {
            return CpuLevel.judge(elf, platform, baseline);
        }
        Integer level = elf.armCpuArch() != null ? elf.armCpuArch() : goArmLevel(elf.goArm());
        if (level != null && !armLevels.contains(level)) {
            String source = elf.armCpuArch() != null ? "Tag_CPU_arch " + level : "Go, GOARM=" + elf.goArm();
            return Optional.of(new ElfMismatch(ElfMismatch.Kind.ARM_LEVEL,
                    armLevelName(level) + " code (" + source + "), but " + platform + " runs at most "
                            + armLevelName(Collections.max(armLevels)) + "; build with the variant's -march or GOARM",
                    elf.armCpuArch() == null));
        }
        if (Collections.max(armLevels) <= MAX_LEVEL_WITHOUT_VFP && elf.armFloatAbi() == ElfInfo.ArmFloatAbi.HARD) {
            return Optional.of(new ElfMismatch(ElfMismatch.Kind.ARM_LEVEL,
                    "hard-float ARM code (EF_ARM_ABI_FLOAT_HARD: it needs a VFP unit), but " + platform
                            + " has none; build soft-float (-mfloat-abi=soft, an armel toolchain, or GOARM=5)", true));
        }
        return Optional.empty();
    }

    /**
     * The platforms an ELF file looks built for, to say "this is a linux/amd64 binary": every known
     * platform that can run it, or, when its ARM level is recorded, the least demanding ARM variant
     * that can. Empty for files of no known platform (an x32 or big-endian PowerPC file, not ELF).
     */
    public static List<Platform> builtFor(ElfInfo elf) {
        if (!elf.isElf()) {
            return List.of();
        }
        // A newer CPU level is still this platform's code: builtFor names the architecture.
        List<Platform> fitting = KNOWN.stream().filter(p -> of(p).judge(elf, p).filter(m -> m.kind() != ElfMismatch.Kind.CPU_LEVEL).isEmpty())
                .toList();
        boolean levelKnown = elf.machine() == EM_ARM && (elf.armCpuArch() != null || elf.goArm() != null);
        return levelKnown && !fitting.isEmpty() ? List.of(fitting.get(0)) : fitting;
    }

    /** The Tag_CPU_arch a GOARM value means: the instructions Go's compiler may then emit. */
    private static Integer goArmLevel(Integer goArm) {
        if (goArm == null) {
            return null;
        }
        return switch (goArm) {
            case 5 -> 4; // ARMv5TE, soft float
            case 6 -> 6;
            default -> 10; // GOARM=7: ARMv7 with VFPv3
        };
    }

    /** The architecture (as {@link dev.archgate.platform.ArchitectureNames} names it) an ELF file's code is for, or empty for a machine none of the platforms runs. */
    public static Optional<String> architectureOf(ElfInfo elf) {
        boolean le = elf.byteOrder() == ByteOrder.LITTLE_ENDIAN;
        boolean is64 = elf.elfClass() == 64;
        String arch = switch (elf.machine()) {
            case EM_X86_64 -> is64 ? "amd64" : null;
            case EM_AARCH64 -> "arm64";
            case EM_ARM -> "arm";
            case EM_386 -> "386";
            case EM_S390 -> is64 ? "s390x" : null;
            case EM_PPC64 -> le ? "ppc64le" : "ppc64";
            case EM_RISCV -> is64 ? "riscv64" : null;
            case EM_MIPS -> is64 && le ? "mips64le" : null;
            case EM_LOONGARCH -> "loong64";
            default -> null;
        };
        return Optional.ofNullable(arch);
    }

    /** The architecture an ELF file was built for, in words (e.g. "x86-64", "32-bit ARM"). */
    public static String describe(ElfInfo elf) {
        return machineName(elf.machine(), elf.elfClass(), elf.byteOrder());
    }

    /** An ELF machine in the words a person knows it by, with the class and byte order that tell its flavours apart. */
    public static String machineName(int machine, int elfClass, ByteOrder order) {
        return switch (machine) {
            case EM_X86_64 -> elfClass == 64 ? "x86-64" : "x32";
            case EM_AARCH64 -> "AArch64";
            case EM_ARM -> "32-bit ARM";
            case EM_386 -> "32-bit x86";
            case EM_PPC -> "32-bit PowerPC";
            case EM_PPC64 -> order == LE ? "PowerPC64 little-endian" : "PowerPC64 big-endian";
            case EM_S390 -> elfClass == 64 ? "s390x" : "31-bit s390";
            case EM_RISCV -> "RISC-V " + elfClass + "-bit";
            case EM_MIPS -> "MIPS " + elfClass + "-bit " + (order == LE ? "little-endian" : "big-endian");
            case EM_LOONGARCH -> "LoongArch " + elfClass + "-bit";
            default -> "ELF machine " + machine;
        };
    }

    /** A Tag_CPU_arch value by its architecture's name, e.g. 10 as "ARMv7". */
    public static String armLevelName(int level) {
        return ARM_LEVEL_NAMES.getOrDefault(level, "Tag_CPU_arch " + level);
    }
}
