package dev.archgate.elf;

import java.io.Serializable;
import java.nio.ByteOrder;

/**
 * What the ELF header, program headers and ARM attributes of one file say, or why they could not
 * be read. Kept per file by the merged filesystem, so it holds facts, never file contents.
 *
 * <p>Placeholder shape agreed between the ELF reader and the image model; the ELF reader owns it.
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
        String problem) implements Serializable {

    public enum Kind { ELF, NOT_ELF, MALFORMED }
}
