package dev.archgate.elf;

import java.io.Serializable;

/**
 * The CPU level a file records about itself, beyond its machine: what a Go program was built for
 * (its build info) and what an x86-64 file's GNU property note says it needs. Each is null when
 * the file does not record it; nothing here is guessed from the instructions.
 *
 * @param goAmd64 GOAMD64 of a Go program ("v1" to "v4")
 * @param goArm64 GOARM64 of a Go program (Go 1.23 and later, e.g. "v8.2" or "v8.0,lse")
 * @param x86IsaNeeded GNU_PROPERTY_X86_ISA_1_NEEDED: bit 0 baseline, bit 1 x86-64-v2, bit 2 v3, bit 3 v4
 *     (written by gcc -mneeded and by linkers merging such objects)
 */
public record CpuFacts(String goAmd64, String goArm64, Integer x86IsaNeeded) implements Serializable {
    public static final CpuFacts NONE = new CpuFacts(null, null, null);

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

    /** The x86-64 level (1 to 4) of GOAMD64, null when absent or not one of v1 to v4. */
    public Integer goAmd64Level() {
        return goAmd64 != null && goAmd64.matches("v[1-4]") ? goAmd64.charAt(1) - '0' : null;
    }

    /** GOARM64's architecture version without its feature suffixes, e.g. "v8.2"; null when absent. */
    public String goArm64Version() {
        if (goArm64 == null) {
            return null;
        }
        String v = goArm64.split(",", 2)[0];
        return v.matches("v[89](\\.[0-9])?") ? v : null;
    }
}
