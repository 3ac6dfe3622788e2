package dev.archgate.elf;

import java.io.Serializable;
import java.nio.ByteOrder;

/**
 * What the ELF header, program headers and ARM attributes of one file say, or why they could not
 * be read. Kept per file by the merged filesystem, so it holds facts, never file contents.
 *
 * @param elfClass 32 or 64 (0 when not ELF)
 * @param machine e_machine, e.g. 62 for x86-64
 * @param flags e_flags (for ARM: EABI version and float ABI)
 * @param type e_type: 2 executable, 3 shared object or position-independent executable
 * @param interpreter the PT_INTERP path (the dynamic loader), null for static files
 * @param armCpuArch Tag_CPU_arch of the ARM attributes section, null when absent or unreadable
 * @param goArm the GOARM a Go program for 32-bit ARM was built with (its build info), null otherwise;
 *     Go's linker writes no ARM attributes, so this is how its architecture level is known
 * @param problem why a MALFORMED file could not be read, null otherwise
 * @param dynamic the dynamic section (needed libraries, RUNPATH/RPATH), null for a static file or
 *     one whose dynamic section could not be read
 * @param cpu the CPU level the file records (Go's GOAMD64/GOARM64, the x86 ISA note), {@link CpuFacts#NONE} when none
 * @param hardware what it asks of the machine beyond its instruction set (page size, LSE atomics, a
 *     loader's CPU floor), {@link HardwareFacts#NONE} when nothing
 * @param versions the symbol versions it needs and defines, {@link ElfVersions#NONE} when it has none or is not
 *     dynamic; null when its dynamic section could not be read
 */
public record ElfInfo(
        Kind kind,
        int elfClass,
        ByteOrder byteOrder,
        int machine,
        int flags,
        int type,
        String interpreter,
        Integer armCpuArch,
        Integer goArm,
        String problem,
        ElfDynamic dynamic,
        CpuFacts cpu,
        HardwareFacts hardware,
        ElfVersions versions) implements Serializable {

    public enum Kind { ELF, NOT_ELF, MALFORMED }

    /** The calling convention for floating-point arguments that a 32-bit ARM file declares. */
    public enum ArmFloatAbi {
        /** In VFP registers (armhf): needs a VFP unit, and a dynamically linked file needs a hard-float loader and libc. */
        HARD,
        /** In integer registers (armel): runs with or without a VFP unit. */
        SOFT,
        /** Not declared, as in Go programs (e_flags 0x05000002), or not 32-bit ARM at all. */
        UNDECLARED
    }

    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int EF_ARM_ABI_FLOAT_SOFT = 0x200;
    public static final int EF_ARM_ABI_FLOAT_HARD = 0x400;
    private static final int EM_ARM = 40;

    static final ElfInfo NOT_ELF = new ElfInfo(Kind.NOT_ELF, 0, null, 0, 0, 0, null, null, null, null, null, CpuFacts.NONE, HardwareFacts.NONE, ElfVersions.NONE);

    public ElfInfo {
        cpu = cpu == null ? CpuFacts.NONE : cpu;
        hardware = hardware == null ? HardwareFacts.NONE : hardware;
    }

    static ElfInfo malformed(String problem) {
        return new ElfInfo(Kind.MALFORMED, 0, null, 0, 0, 0, null, null, null, problem, null, CpuFacts.NONE, HardwareFacts.NONE, ElfVersions.NONE);
    }

    /** The same facts with the GOARM found in the file's build info. */
    ElfInfo withGoArm(Integer value) {
        return new ElfInfo(kind, elfClass, byteOrder, machine, flags, type, interpreter, armCpuArch, value, problem, dynamic, cpu, hardware, versions);
    }

    /** The same facts with what the dynamic section says. */
    ElfInfo withDynamic(ElfDynamic value) {
        return new ElfInfo(kind, elfClass, byteOrder, machine, flags, type, interpreter, armCpuArch, goArm, problem, value, cpu, hardware, versions);
    }

    /** The same facts with the CPU level the file records. */
    ElfInfo withCpu(CpuFacts value) {
        return new ElfInfo(kind, elfClass, byteOrder, machine, flags, type, interpreter, armCpuArch, goArm, problem, dynamic, value, hardware, versions);
    }

    /** The same facts with what the file asks of the machine. */
    ElfInfo withHardware(HardwareFacts value) {
        return new ElfInfo(kind, elfClass, byteOrder, machine, flags, type, interpreter, armCpuArch, goArm, problem, dynamic, cpu, value, versions);
    }

    /** The same facts with the symbol versions the file needs and defines. */
    ElfInfo withVersions(ElfVersions value) {
        return new ElfInfo(kind, elfClass, byteOrder, machine, flags, type, interpreter, armCpuArch, goArm, problem, dynamic, cpu, hardware, value);
    }

    /**
     * Whether the kernel can start it as a program: an executable, a position-independent program
     * (it names a loader, or DT_FLAGS_1 says PIE), not a shared library, which has no program to
     * start even when it carries an exec bit (gcc -shared writes one).
     */
    public boolean isProgram() {
        return isElf() && (type == ET_EXEC || interpreter != null || (dynamic != null && dynamic.pie()));
    }

    public boolean isElf() {
        return kind == Kind.ELF;
    }

    /** Whether the kernel would load it as a program or the loader as a library (not a .o or core). */
    public boolean isLoadable() {
        return isElf() && (type == ET_EXEC || type == ET_DYN);
    }

    /**
     * The float ABI that e_flags declare. GNU ld sets one of the two flags in every EABI5 file it links
     * (Debian's armhf binaries carry 0x05000400, its armel ones 0x05000200); Go's linker sets neither.
     */
    public ArmFloatAbi armFloatAbi() {
        if (!isElf() || machine != EM_ARM) {
            return ArmFloatAbi.UNDECLARED;
        }
        if ((flags & EF_ARM_ABI_FLOAT_HARD) != 0) {
            return ArmFloatAbi.HARD;
        }
        return (flags & EF_ARM_ABI_FLOAT_SOFT) != 0 ? ArmFloatAbi.SOFT : ArmFloatAbi.UNDECLARED;
    }
}
