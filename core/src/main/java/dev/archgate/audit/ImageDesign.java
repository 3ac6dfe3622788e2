package dev.archgate.audit;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.SizeSummary;
import dev.archgate.image.fs.LayerSpace;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.PathSizes;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.spec.PolicyLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The design checks of one variant, from the facts its one layer read gave: its size against the
 * budget, bytes wasted by later layers, toolchains and caches left by the build, and the user it
 * runs as. Also what the size table shows and what {@link VariantSkew} compares across platforms.
 */
public final class ImageDesign {
    private static final int LARGEST = 3;

    private final List<Finding> findings;
    private final SizeSummary size;
    private final VariantSkew.Variant variant;

    private ImageDesign(List<Finding> findings, SizeSummary size, VariantSkew.Variant variant) {
        this.findings = List.copyOf(findings);
        this.size = size;
        this.variant = variant;
    }

    public static ImageDesign check(PlatformImage image, MergedFilesystem fs, PolicyLimits limits, PathGlobs ignored) {
        PathSizes sizes = PathSizes.of(fs);
        LayerSpace space = fs.space();
        long compressed = image.manifest().compressedSize();
        List<SizeSummary.PathBytes> largest = sizes.largest(LARGEST).stream()
                .map(p -> new SizeSummary.PathBytes(p.path(), p.bytes())).toList();
        List<Finding> out = new ArrayList<>();
        if (limits.sizeBudget() != null && compressed > limits.sizeBudget()) {
            out.add(Finding.error(Check.POLICY_SIZE_BUDGET, null, "the " + image.platform() + " variant is " + SizeSummary.human(compressed)
                    + " compressed (what a node pulls), over the size budget of " + SizeSummary.human(limits.sizeBudget())
                    + "; its largest paths: " + largest.stream().map(p -> p.path() + " " + SizeSummary.human(p.bytes()))
                            .collect(Collectors.joining(", "))));
        }
        if (space.wasted() > 0) {
            String top = space.topWasted().stream().map(w -> w.path() + " " + SizeSummary.human(w.bytes())
                    + (w.copies() > 1 ? " (" + w.copies() + " copies)" : "")).collect(Collectors.joining(", "));
            String message = SizeSummary.human(space.wasted()) + " of the layers is overwritten or deleted by later layers, yet every node "
                    + "still pulls and stores it (" + top + "): delete what a step creates in that same RUN, or make it in another stage";
            String path = space.topWasted().get(0).path();
            out.add(space.wasted() > limits.wastedBytes() ? Finding.warning(Check.POLICY_WASTED_BYTES, path, message)
                    : Finding.info(Check.POLICY_WASTED_BYTES, path, message));
        }
        out.addAll(BuildLeftovers.check(fs, sizes, ignored));
        out.addAll(UserChecks.check(image.config().user(), fs));
        SizeSummary summary = new SizeSummary(compressed, space.unpacked(), space.wasted(), largest);
        ProgramChain chain = ProgramChain.resolve(fs, image.config().argv(), image.config().workingDir(), image.config().path());
        return new ImageDesign(out, summary, new VariantSkew.Variant(image.platform(), compressed, sizes.shallow(), ChainFile.of(chain, fs)));
    }

    public List<Finding> findings() {
        return findings;
    }

    public SizeSummary size() {
        return size;
    }

    /** What {@link VariantSkew} needs of this variant once every platform is read. */
    public VariantSkew.Variant variant() {
        return variant;
    }
}
