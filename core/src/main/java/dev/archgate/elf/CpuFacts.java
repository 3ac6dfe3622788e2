package dev.archgate.elf;

import java.io.Serializable;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The CPU level a file records about itself, beyond its machine, and whether it chooses code by
 * the CPU at run time. Each part is absent when the file does not record it; nothing here is
 * guessed from the instructions.
 *
 * @param go the CPU-level settings of a Go program's build info, by name (GOAMD64, GOARM64,
 *     GOPPC64, GORISCV64, GO386, GOMIPS, GOMIPS64; GOARM is {@link ElfInfo#goArm()}), as written
 *     (e.g. "v3", "v8.1,lse", "power9", "rva22u64", "softfloat")
 * @param x86IsaNeeded GNU_PROPERTY_X86_ISA_1_NEEDED: bit 0 baseline, bit 1 x86-64-v2, bit 2 v3, bit 3 v4
 *     (written by gcc -mneeded and by linkers merging such objects)
 * @param dispatch the evidence, read from the file's own dynamic symbol and relocation tables,
 *     that it picks code by the CPU it runs on (e.g. "imports getauxval"); null when none was found
 *     or the tables were not read (see {@link CpuDispatch})
 */
public record CpuFacts(Map<String, String> go, Integer x86IsaNeeded, String dispatch) implements Serializable {
    public static final CpuFacts NONE = new CpuFacts(Map.of(), null, null);

    public CpuFacts {
        go = go == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(go));
    }

    /** The x86-64 level (1 to 4) the ISA note asks for, null without a note. */
    public Integer x86IsaLevel() {
        if (x86IsaNeeded == null) {
            return null;
        }
        for (int level = 4; level >= 2; level--) {
            if ((x86IsaNeeded & (1 << (level - 1))) != 0) {
                return level;
            }
        }
        return 1;
    }

    /** GOAMD64 as written, null when absent. */
    public String goAmd64() {
        return go.get("GOAMD64");
    }

    /** The x86-64 level (1 to 4) of GOAMD64, null when absent or not one of v1 to v4. */
    public Integer goAmd64Level() {
        String v = goAmd64();
        return v != null && v.matches("v[1-4]") ? v.charAt(1) - '0' : null;
    }

    /** GOARM64 as written, null when absent. */
    public String goArm64() {
        return go.get("GOARM64");
    }

    /** GOARM64's architecture version without its feature suffixes, e.g. "v8.2"; null when absent. */
    public String goArm64Version() {
        String v = goArm64();
        if (v == null) {
            return null;
        }
        v = v.split(",", 2)[0];
        return v.matches("v[89](\\.[0-9])?") ? v : null;
    }

    /** Whether the file records nothing at all. */
    boolean isEmpty() {
        return go.isEmpty() && x86IsaNeeded == null && dispatch == null;
    }
}
