package dev.archgate.image;

import dev.archgate.elf.ElfInfo;
import java.io.Serializable;

/**
 * What the checks need to know about one path of a merged filesystem; never its contents.
 *
 * @param linkTarget a symlink's target as stored, null for other types
 * @param elf the ELF summary of a regular file, null when it is not ELF
 * @param shebang the first line of a file that starts with "#!", up to {@value #MAX_LINE}
 *     bytes, with a trailing carriage return kept so CRLF scripts can be told apart; null otherwise
 * @param text whether a regular file's first bytes look like text (a script without a shebang)
 */
public record FileFacts(String path, Type type, int mode, long size, String linkTarget, ElfInfo elf, String shebang, boolean text)
        implements Serializable {
    public static final int MAX_LINE = 512;

    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    public boolean isExecutable() {
        return type == Type.FILE && (mode & 0111) != 0;
    }

    public boolean isElf() {
        return elf != null && elf.isElf();
    }

    FileFacts at(String newPath) {
        return new FileFacts(newPath, type, mode, size, linkTarget, elf, shebang, text);
    }
}
