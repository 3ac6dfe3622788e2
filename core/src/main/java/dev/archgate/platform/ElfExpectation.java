package dev.archgate.platform;

import dev.archgate.elf.ElfInfo;
import java.nio.ByteOrder;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the ELF files of one platform must say: machine, class and byte order, and for 32-bit ARM
 * the architecture levels (Tag_CPU_arch) its variant can execute.
 */
public record ElfExpectation(int machine, int elfClass, ByteOrder byteOrder, Set<Integer> armLevels) {
    public static final int EM_386 = 3;
    public static final int EM_MIPS = 8;
    public static final int EM_PPC64 = 21;
    public static final int EM_S390 = 22;
    public static final int EM_ARM = 40;
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;
    public static final int EM_RISCV = 243;
    public static final int EM_LOONGARCH = 258;

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ByteOrder BE = ByteOrder.BIG_ENDIAN;

    /** Tag_CPU_arch values by name, for messages. */
    private static final Map<Integer, String> ARM_LEVEL_NAMES = Map.ofEntries(
            Map.entry(0, "pre-ARMv4"), Map.entry(1, "ARMv4"), Map.entry(2, "ARMv4T"), Map.entry(3, "ARMv5T"),
            Map.entry(4, "ARMv5TE"), Map.entry(5, "ARMv5TEJ"), Map.entry(6, "ARMv6"), Map.entry(7, "ARMv6KZ"),
            Map.entry(8, "ARMv6T2"), Map.entry(9, "ARMv6K"), Map.entry(10, "ARMv7"), Map.entry(11, "ARMv6-M"),
            Map.entry(12, "ARMv6S-M"), Map.entry(13, "ARMv7E-M"), Map.entry(14, "ARMv8-A"));

    private static final Set<Integer> UP_TO_V5 = Set.of(0, 1, 2, 3, 4, 5);
    /**
     * ARMv6 boards (Raspberry Pi Zero and 1, ARM1176JZF-S) implement v6KZ, which includes v6K; v6T2
     * adds Thumb-2, which they lack, so it is not allowed.
     */
    private static final Set<Integer> UP_TO_V6 = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 9);
    private static final Set<Integer> UP_TO_V7 = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
    private static final Set<Integer> UP_TO_V8 = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 14);

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

    /** Why a file's code cannot run on the platform; empty when it can (or is no ELF program). */
    public Optional<ElfMismatch> judge(ElfInfo elf, Platform platform) {
        if (!elf.isElf()) {
            return Optional.empty();
        }
        if (elf.machine() != machine || elf.elfClass() != elfClass || !byteOrder.equals(elf.byteOrder())) {
            return Optional.of(new ElfMismatch(ElfMismatch.Kind.ARCHITECTURE,
                    describe(elf) + " code, but " + platform + " runs " + describe(machine, elfClass, byteOrder) + " code"));
        }
        Integer level = elf.armCpuArch() != null ? elf.armCpuArch() : goArmLevel(elf.goArm());
        String source = elf.armCpuArch() != null ? "Tag_CPU_arch " + level : "Go, GOARM=" + elf.goArm();
        if (!armLevels.isEmpty() && level != null && !armLevels.contains(level)) {
            return Optional.of(new ElfMismatch(ElfMismatch.Kind.ARM_LEVEL,
                    armLevelName(level) + " code (" + source + "), but " + platform + " runs at most "
                            + armLevelName(armLevels.stream().max(Integer::compare).orElseThrow())
                            + "; build with the variant's -march or GOARM"));
        }
        return Optional.empty();
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

    /** The architecture an ELF file was built for, in words (e.g. "x86-64", "32-bit ARM"). */
    public static String describe(ElfInfo elf) {
        return describe(elf.machine(), elf.elfClass(), elf.byteOrder());
    }

    static String describe(int machine, int elfClass, ByteOrder order) {
        return switch (machine) {
            case EM_X86_64 -> elfClass == 64 ? "x86-64" : "x32";
            case EM_AARCH64 -> "AArch64";
            case EM_ARM -> "32-bit ARM";
            case EM_386 -> "32-bit x86";
            case 20 -> "32-bit PowerPC";
            case EM_PPC64 -> order == LE ? "PowerPC64 little-endian" : "PowerPC64 big-endian";
            case EM_S390 -> elfClass == 64 ? "s390x" : "31-bit s390";
            case EM_RISCV -> "RISC-V " + elfClass + "-bit";
            case EM_MIPS -> "MIPS " + elfClass + "-bit " + (order == LE ? "little-endian" : "big-endian");
            case EM_LOONGARCH -> "LoongArch";
            default -> "ELF machine " + machine;
        };
    }

    static String armLevelName(int level) {
        return ARM_LEVEL_NAMES.getOrDefault(level, "Tag_CPU_arch " + level);
    }
}
