package dev.archgate.audit;

import dev.archgate.image.PathSizes;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.Finding;
import dev.archgate.report.SizeSummary;
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
     */
    public record Variant(Platform platform, long compressed, Map<String, Long> shallow) {
        public Variant {
            shallow = Map.copyOf(shallow);
        }
    }

    /** The warnings, per platform, for the variants that stand out; none with fewer than two variants. */
    public static Map<Platform, List<Finding>> check(List<Variant> variants) {
        Map<Platform, List<Finding>> out = new LinkedHashMap<>();
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
            out.put(v.platform(), list);
        }
        return out;
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }
}
