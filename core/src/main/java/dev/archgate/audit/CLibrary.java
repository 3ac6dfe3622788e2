package dev.archgate.audit;

import dev.archgate.elf.ElfInfo;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.PathNames;

/**
 * Which C library a variant, or one ELF file, is built on. A native module built on glibc fails
 * to load on musl (and the reverse) although its architecture fits, so the natives checks judge
 * the flavour beside the architecture. A variant's flavour is read from the files its loader
 * needs: glibc's {@code libc.so.6}, musl's {@code ld-musl-<arch>.so.1} (with its
 * {@code libc.musl-<arch>.so.1} link, as Alpine installs it); an image holding both or neither is
 * {@link #UNKNOWN} and no flavour is judged.
 */
enum CLibrary {
    GLIBC("glibc"), MUSL("musl"), UNKNOWN("an unknown C library");

    private final String words;

    CLibrary(String words) {
        this.words = words;
    }

    String words() {
        return words;
    }

    /** The C library an ELF file links against: DT_NEEDED {@code libc.so.6} or {@code libc.musl-*}, or a musl loader as PT_INTERP. */
    static CLibrary of(ElfInfo elf) {
        if (elf.interpreter() != null && PathNames.baseName(elf.interpreter()).startsWith("ld-musl-")) {
            return MUSL;
        }
        if (elf.dynamic() == null) {
            return UNKNOWN;
        }
        for (String needed : elf.dynamic().needed()) {
            if (needed.equals("libc.so.6")) {
                return GLIBC;
            }
            if (needed.startsWith("libc.musl-")) {
                return MUSL;
            }
        }
        return UNKNOWN;
    }

    /** Whether code built on {@code file}'s C library loads on this one; unknown on either side fits. */
    boolean accepts(CLibrary file) {
        return this == UNKNOWN || file == UNKNOWN || this == file;
    }

    /** Collects, over one pass of a variant's files, which C libraries it holds. */
    static final class Seen {
        private boolean glibc;
        private boolean musl;

        void add(FileFacts f) {
            String name = PathNames.baseName(f.path());
            if (name.equals("libc.so.6")) {
                glibc = true;
            } else if (name.startsWith("ld-musl-") || name.startsWith("libc.musl-")) {
                musl = true;
            }
        }

        CLibrary variant() {
            return glibc == musl ? UNKNOWN : glibc ? GLIBC : MUSL;
        }
    }
}
