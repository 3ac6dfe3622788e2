package dev.archgate.audit;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.platform.Platform;
import dev.archgate.spec.HardwarePolicy;
import java.util.ArrayList;
import java.util.List;

/**
 * The static audit of one platform: the index entry, the image config and the ELF headers of
 * what it will execute must all agree with the platform. Nothing runs.
 */
public final class PlatformAudit {
    private PlatformAudit() {}

    /** The finding for a platform the image does not offer. */
    public static Finding missing(Platform platform, List<String> offered) {
        return Finding.error(Check.PLATFORM_MISSING, null, "the image has no " + platform + " variant (it offers "
                + (offered.isEmpty() ? "none" : String.join(", ", offered)) + "): add " + platform + " to buildx --platform");
    }

    /** Checks the label and config of a variant, before its layers are read. */
    public static List<Finding> labels(PlatformImage image) {
        List<Finding> out = new ArrayList<>();
        ImageConfig c = image.config();
        if (!image.platform().matchesLabel(c.os(), c.architecture(), c.variant())) {
            out.add(Finding.error(Check.PLATFORM_LABEL_MISMATCH, null, "the index lists this variant as " + image.entry().label()
                    + " but its config says " + c.label() + ": the index was assembled from another platform's manifest, or the "
                    + "final stage was pinned with FROM --platform"));
        }
        return out;
    }

    /**
     * Checks the variant's files: ELF headers, CPU levels, page sizes and the entrypoint chain ({@link ImageDesign}
     * checks the user it runs as), for a platform whose machines are what it promises.
     */
    public static List<Finding> files(PlatformImage image, MergedFilesystem fs, PathGlobs ignored) {
        return files(image, fs, ignored, HardwarePolicy.NONE);
    }

    /** As {@link #files(PlatformImage, MergedFilesystem, PathGlobs)}, with the fleet's page size and CPU ({@code hardware:}). */
    public static List<Finding> files(PlatformImage image, MergedFilesystem fs, PathGlobs ignored, HardwarePolicy hardware) {
        List<Finding> out = new ArrayList<>();
        ImageConfig config = image.config();
        ProgramChain chain = ProgramChain.resolve(fs, config.argv(), config.workingDir(), config.path());
        List<Finding> entrypoint = EntrypointChecks.check(image.platform(), chain);
        // A module or add-on judged by its runtime's loader gets that finding instead of the ELF checks' generic one.
        RuntimeNatives.Result natives = RuntimeNatives.check(image.platform(), fs, ignored);
        out.addAll(ElfChecks.check(image.platform(), config, fs, ignored.plus(natives.judged()), chain, hardware.baseline(image.platform())));
        out.addAll(natives.findings());
        out.addAll(PageSizeChecks.check(image.platform(), fs, ignored, hardware.pageSize().get(image.platform())));
        out.addAll(SymbolVersions.check(image.platform(), config, fs, ignored, chain));
        for (Finding f : entrypoint) {
            // The ELF check already named a foreign loader; the chain adds only what it alone sees.
            if (out.stream().noneMatch(o -> o.check() == f.check() && f.path() != null && f.path().equals(o.path()))) {
                out.add(f);
            }
        }
        return out;
    }
}
