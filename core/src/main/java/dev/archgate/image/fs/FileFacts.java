package dev.archgate.image.fs;

import dev.archgate.elf.ElfInfo;
import java.io.Serializable;

/**
 * What the checks need to know about one path of a merged filesystem; never its contents.
 *
 * @param uid the owner's numeric user id as the layer stores it
 * @param gid the owner's numeric group id
 * @param text whether a regular file's first bytes look like text (a script without a shebang)
 * @param details the facts only some entries have (see {@link Details}), null when an entry has none
 */
public record FileFacts(String path, Type type, int mode, int uid, int gid, long size, boolean text, Details details) implements Serializable {
    /**
     * The facts most entries lack, in one object that plain files, directories and empty files do
     * without (null): the filesystem holds every entry of an image at once, a million and more, and
     * six empty references each were a sixth of what one entry costs (see ReadLimits).
     *
     * @param linkTarget a symlink's target as stored, null for other types
     * @param elf the ELF summary of a regular file, null when it is not ELF
     * @param shebang the first line of a file that starts with "#!", up to {@value #MAX_LINE}
     *     bytes, with a trailing carriage return kept so CRLF scripts can be told apart; null otherwise
     * @param hardLinkOf for a hard link, the path it links to (its other facts are that file's, since
     *     both names are one file); null for every other entry
     * @param content the whole text of the few small files checks read, null for every other file:
     *     the account databases the runtime resolves USER with ({@code /etc/passwd}, {@code /etc/group},
     *     up to {@value #MAX_KEPT} bytes) and the loader's configuration ({@code /etc/ld.so.conf} and
     *     what lies below {@code /etc/ld.so.conf.d/}, up to {@value #MAX_LOADER_CONFIG} bytes), since
     *     where the loader searches decides which foreign files it would load; and a Python package's
     *     {@code *.dist-info/WHEEL} (up to {@value #MAX_WHEEL} bytes), whose tags name the platform it was built for
     * @param jar the shared objects a jar ({@code *.jar}) carries, from its directory; null for every other file
     */
    public record Details(String linkTarget, ElfInfo elf, String shebang, String hardLinkOf, String content, JarDirectory jar)
            implements Serializable {}

    public FileFacts(String path, Type type, int mode, int uid, int gid, long size, String linkTarget, ElfInfo elf, String shebang,
                     boolean text, String hardLinkOf, String content, JarDirectory jar) {
        this(path, type, mode, uid, gid, size, text, linkTarget == null && elf == null && shebang == null && hardLinkOf == null
                && content == null && jar == null ? null : new Details(linkTarget, elf, shebang, hardLinkOf, content, jar));
    }

    public static final int MAX_LINE = 512;
    public static final java.util.Set<String> KEPT_WHOLE = java.util.Set.of("/etc/passwd", "/etc/group");
    public static final int MAX_KEPT = 256 * 1024;
    public static final int MAX_LOADER_CONFIG = 8192;
    public static final int MAX_WHEEL = 8192;
    static final String LOADER_CONFIG = "/etc/ld.so.conf";

    /** Whether the reader keeps this file's whole text in {@link #content()}. */
    static boolean keptWhole(String path, long size) {
        return KEPT_WHOLE.contains(path) && size <= MAX_KEPT || path.startsWith(LOADER_CONFIG) && size <= MAX_LOADER_CONFIG
                || path.endsWith(".dist-info/WHEEL") && size <= MAX_WHEEL;
    }

    public enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    public String linkTarget() {
        return details == null ? null : details.linkTarget();
    }

    public ElfInfo elf() {
        return details == null ? null : details.elf();
    }

    public String shebang() {
        return details == null ? null : details.shebang();
    }

    public String hardLinkOf() {
        return details == null ? null : details.hardLinkOf();
    }

    public String content() {
        return details == null ? null : details.content();
    }

    public JarDirectory jar() {
        return details == null ? null : details.jar();
    }

    public boolean isExecutable() {
        return type == Type.FILE && (mode & 0111) != 0;
    }

    public boolean isElf() {
        return elf() != null && elf().isElf();
    }

    /** A hard link at {@code linkPath} to this file. */
    FileFacts linkedAt(String linkPath) {
        return new FileFacts(linkPath, type, mode, uid, gid, size, linkTarget(), elf(), shebang(), text, path, content(), jar());
    }

    /** An entry that is neither a regular file nor a hard link, so it has no content facts. */
    static FileFacts of(String path, Type type, int mode, int uid, int gid, String linkTarget) {
        return new FileFacts(path, type, mode, uid, gid, 0, linkTarget, null, null, false, null, null, null);
    }

    /** The root directory, which exists even when no layer lists it. */
    static FileFacts root() {
        return of("/", Type.DIRECTORY, 0755, 0, 0, null);
    }
}
