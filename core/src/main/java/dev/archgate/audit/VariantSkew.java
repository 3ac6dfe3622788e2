package dev.archgate.audit;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.SizeSummary;
import dev.archgate.image.fs.PathSizes;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One variant far heavier than its siblings: the same Dockerfile should give every platform about
 * the same image, so a variant more than {@value #FACTOR} times the median of the others (and at
 * least {@value #MIN_DIFFERENCE} bytes more) is the sign of a platform-specific stage gone wrong.
 * The warning names the paths that make the difference.
 */
public final class VariantSkew {
    static final int FACTOR = 2;
    static final long MIN_DIFFERENCE = 1024 * 1024;
    private static final int NAMED = 3;

    private VariantSkew() {}

    /**
     * @param compressed the variant's compressed size
     * @param shallow its bytes per path of at most {@value PathSizes#DEPTH} components
     * @param chain what each path of its entrypoint's program chain is ({@link ChainFile})
     */
    public record Variant(Platform platform, long compressed, Map<String, Long> shallow, Map<String, ChainFile> chain) {
        public Variant {
            shallow = Map.copyOf(shallow);
            chain = Map.copyOf(chain);
        }

        Variant(Platform platform, long compressed, Map<String, Long> shallow) {
            this(platform, compressed, shallow, Map.of());
        }
    }

    /**
     * The findings, per platform, for the variants that stand out: by size (a warning), and by the
     * files of the entrypoint's chain ({@code variant.differs}); none with fewer than two variants.
     */
    public static Map<Platform, List<Finding>> check(List<Variant> variants) {
        Map<Platform, List<Finding>> out = new LinkedHashMap<>();
        differences(variants, out);
        for (Variant v : variants) {
            List<Variant> others = variants.stream().filter(o -> o != v).toList();
            if (others.isEmpty()) {
                continue;
            }
            double median = median(others.stream().mapToDouble(Variant::compressed).toArray());
            if (v.compressed() <= FACTOR * median || v.compressed() - median < MIN_DIFFERENCE) {
                continue;
            }
            Map<String, Long> extra = new HashMap<>();
            Set<String> paths = new HashSet<>(v.shallow().keySet());
            for (String path : paths) {
                double typical = median(others.stream().mapToDouble(o -> o.shallow().getOrDefault(path, 0L)).toArray());
                long more = v.shallow().get(path) - Math.round(typical);
                if (more > 0) {
                    extra.put(path, more);
                }
            }
            // Only paths of the same order as the biggest difference explain it; the rest is noise between builds.
            long biggest = extra.values().stream().mapToLong(Long::longValue).max().orElse(0);
            String named = PathSizes.largestOf(extra, NAMED).stream().filter(p -> p.bytes() * 10 >= biggest)
                    .map(p -> p.path() + " +" + SizeSummary.human(p.bytes())).collect(Collectors.joining(", "));
            List<Finding> list = new ArrayList<>();
            list.add(Finding.warning(Check.POLICY_SIZE_BUDGET, null, "the " + v.platform() + " variant is " + SizeSummary.human(v.compressed())
                    + " compressed, " + String.format(java.util.Locale.ROOT, "%.1f", v.compressed() / median) + " times the median of the other "
                    + "variants (" + SizeSummary.human(Math.round(median)) + "), the sign of a platform-specific stage gone wrong"
                    + (named.isEmpty() ? "" : "; what it has more of: " + named)));
            out.computeIfAbsent(v.platform(), k -> new ArrayList<>()).addAll(list);
        }
        return out;
    }

    /**
     * For each path on some variant's program chain that several variants record: the variant where
     * it is missing, empty or without an exec bit while another has it whole is an error (that
     * platform alone fails to start: a 0-byte entrypoint script is "exec format error" there only);
     * so is a kind (ELF, script, symlink, ...) that differs from what all other variants agree on,
     * when at least two others agree, and a warning on each side when only two variants differ.
     * Other differences (the "#!" line, a size more than {@value #FACTOR} times another's) are info.
     */
    private static void differences(List<Variant> variants, Map<Platform, List<Finding>> out) {
        Set<String> paths = new java.util.TreeSet<>();
        variants.forEach(v -> paths.addAll(v.chain().keySet()));
        for (String path : paths) {
            List<Variant> having = variants.stream().filter(v -> v.chain().containsKey(path)).toList();
            if (having.size() < 2) {
                continue;
            }
            for (Variant v : having) {
                ChainFile mine = v.chain().get(path);
                List<Variant> others = having.stream().filter(o -> o != v).toList();
                Finding f = differs(path, v, mine, others);
                if (f != null) {
                    out.computeIfAbsent(v.platform(), k -> new ArrayList<>()).add(f);
                }
            }
        }
    }

    private static Finding differs(String path, Variant v, ChainFile mine, List<Variant> others) {
        List<ChainFile> theirs = others.stream().map(o -> o.chain().get(path)).toList();
        Map<String, List<String>> byValue = new LinkedHashMap<>();
        others.forEach(o -> byValue.computeIfAbsent(o.chain().get(path).words(), k -> new ArrayList<>()).add(o.platform().toString()));
        String elsewhere = byValue.entrySet().stream().map(e -> e.getKey() + " in " + String.join(" and ", e.getValue()))
                .collect(Collectors.joining(", "));
        String where = path + ", on the entrypoint's program chain, is ";
        String fix = ": this platform alone fails to start; make the platform-specific step that writes it produce the same file";
        boolean bad = mine.missing() && theirs.stream().anyMatch(t -> !t.missing())
                || mine.empty() && theirs.stream().anyMatch(t -> t.isFile() && !t.empty())
                || mine.isFile() && !mine.executable() && theirs.stream().anyMatch(t -> t.isFile() && t.executable());
        if (bad) {
            return Finding.error(Check.VARIANT_DIFFERS, path, where + mine.words() + " in " + v.platform() + " but " + elsewhere + fix);
        }
        if (theirs.stream().anyMatch(t -> t.missing() || t.empty() || t.isFile() && !t.executable())) {
            return null; // the other side is the broken one, and is named there
        }
        Set<String> kinds = theirs.stream().map(ChainFile::kind).collect(Collectors.toSet());
        if (kinds.size() == 1 && !kinds.contains(mine.kind())) {
            return others.size() >= 2
                    ? Finding.error(Check.VARIANT_DIFFERS, path, where + mine.words() + " in " + v.platform() + " but " + elsewhere + fix)
                    : Finding.warning(Check.VARIANT_DIFFERS, path, where + mine.words() + " in " + v.platform() + " but " + elsewhere
                    + ": the variants start different kinds of program; check that this is meant");
        }
        boolean otherLine = mine.detail() != null && theirs.stream().anyMatch(t -> !mine.detail().equals(t.detail()));
        boolean otherSize = mine.size() > 0 && theirs.stream().anyMatch(t -> t.size() > 0 && (mine.size() > FACTOR * t.size()));
        if (otherLine || otherSize) {
            return Finding.info(Check.VARIANT_DIFFERS, path, where + mine.words() + " in " + v.platform() + " but " + elsewhere);
        }
        return null;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
