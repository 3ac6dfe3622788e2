package dev.archgate.elf;

import java.io.Serializable;
import java.util.List;

/**
 * What the dynamic section (PT_DYNAMIC) of an ELF file tells the loader: the libraries it needs
 * and where to look for them. Names are read from the dynamic string table while the file
 * streams past, so a name the scanner could not keep is left out and {@code complete} is false.
 *
 * @param needed the DT_NEEDED names in file order (sonames, or paths when they contain a slash)
 * @param runpath DT_RUNPATH as written (colon-separated, {@code $ORIGIN} unexpanded), null when absent
 * @param rpath DT_RPATH as written, null when absent; the loader ignores it when a RUNPATH is present
 * @param soname DT_SONAME, null when absent
 * @param pie whether DT_FLAGS_1 has DF_1_PIE: a position-independent program (static-pie included),
 *     not only a library
 * @param complete whether every name the dynamic section refers to could be read
 */
public record ElfDynamic(List<String> needed, String runpath, String rpath, String soname, boolean pie, boolean complete)
        implements Serializable {
    public ElfDynamic {
        needed = List.copyOf(needed);
    }

    /** The directories the loader searches for this object's own DT_NEEDED before the shared ones: RUNPATH, else RPATH. */
    public String searchPath() {
        return runpath != null ? runpath : rpath;
    }
}
