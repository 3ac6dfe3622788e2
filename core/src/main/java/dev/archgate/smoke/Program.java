package dev.archgate.smoke;

import dev.archgate.elf.ElfInfo;

/**
 * A file a container would execute, reached from {@code path} through symlinks to {@code target}.
 * Programs are started by {@code path}: busybox, for one, picks its applet by the name it was
 * called with.
 *
 * @param elf its ELF summary, null when it is not ELF
 * @param shebang its "#!" line without the marker (a trailing carriage return kept), null when none
 */
public record Program(String path, String target, ElfInfo elf, String shebang) {
    public boolean isElf() {
        return elf != null && elf.isElf();
    }
}
