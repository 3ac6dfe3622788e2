package dev.archgate.elf;

import java.io.Serializable;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The symbol versions of an ELF file: what it needs from each library (.gnu.version_r, reached
 * through DT_VERNEED) and what it defines (.gnu.version_d, DT_VERDEF), as glibc's loader compares
 * them before it runs anything (elf/dl-version.c: a needed version is matched by its ELF hash and
 * name among the definitions of the object that satisfied the DT_NEEDED; a missing one is the
 * fatal "version `GLIBC_2.38' not found" unless the need is weak).
 *
 * @param needs per library named in .gnu.version_r, the versions needed from it
 * @param defines the versions defined, without the base entry (which only repeats the soname)
 * @param release the glibc build that made this file when it is glibc's libc or loader (the
 *     text after "GNU C Library " or "ld.so ": "(Debian GLIBC 2.36-9+deb12u4) stable release
 *     version 2.36."), null otherwise
 * @param complete whether both sections, when the dynamic section names them, could be read whole
 */
public record ElfVersions(List<Need> needs, List<Version> defines, String release, boolean complete) implements Serializable {
    public static final ElfVersions NONE = new ElfVersions(List.of(), List.of(), null, true);
    /** VER_FLG_WEAK of a Vernaux: the loader only warns (with LD_WARN) when the version is missing. */
    public static final int VER_FLG_WEAK = 2;

    public ElfVersions {
        needs = List.copyOf(needs);
        defines = List.copyOf(defines);
    }

    /** One version: its name (null when its string could not be kept) and its ELF hash, which the loader compares first. */
    public record Version(String name, long hash, boolean weak) implements Serializable {}

    /** What the file needs from the library named {@code file} (a DT_NEEDED name). */
    public record Need(String file, List<Version> versions) implements Serializable {
        public Need {
            versions = List.copyOf(versions);
        }
    }

    /** Whether this file defines {@code needed}: same hash, and same name where both names are known. */
    public boolean defines(Version needed) {
        return defines.stream().anyMatch(d -> d.hash() == needed.hash() && (d.name() == null || needed.name() == null
                || d.name().equals(needed.name())));
    }

    /**
     * The newest version defined in the same series as {@code needed} (GLIBC_2.36 for GLIBC_2.38,
     * GLIBCXX_3.4.30 for GLIBCXX_3.4.32), or empty when the file defines none of that series.
     */
    public Optional<String> newestOf(Version needed) {
        String series = series(needed.name());
        if (series == null) {
            return Optional.empty();
        }
        return defines.stream().map(Version::name).filter(n -> n != null && series.equals(series(n)) && numbers(n) != null)
                .max(Comparator.comparing(ElfVersions::numbers, ElfVersions::compareNumbers));
    }

    /** The part of a version name before its last '_' (GLIBC of GLIBC_2.2.5), null when it has none. */
    static String series(String name) {
        int at = name == null ? -1 : name.lastIndexOf('_');
        return at <= 0 ? null : name.substring(0, at);
    }

    private static int[] numbers(String name) {
        String[] parts = name.substring(name.lastIndexOf('_') + 1).split("\\.");
        int[] out = new int[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (parts[i].isEmpty() || parts[i].length() > 9 || !parts[i].chars().allMatch(Character::isDigit)) {
                return null;
            }
            out[i] = Integer.parseInt(parts[i]);
        }
        return out;
    }

    private static int compareNumbers(int[] a, int[] b) {
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int x = i < a.length ? a[i] : 0;
            int y = i < b.length ? b[i] : 0;
            if (x != y) {
                return Integer.compare(x, y);
            }
        }
        return 0;
    }

    /** The ELF hash of a name (System V ABI, "Hash Table"), which .gnu.version_r and _d store beside each name. */
    static long elfHash(String name) {
        long h = 0;
        for (int i = 0; i < name.length(); i++) {
            h = (h << 4) + (name.charAt(i) & 0xff);
            long g = h & 0xf0000000L;
            if (g != 0) {
                h ^= g >>> 24;
            }
            h &= ~g;
        }
        return h & 0xffffffffL;
    }
}
