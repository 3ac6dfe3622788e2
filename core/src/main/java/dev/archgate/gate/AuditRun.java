package dev.archgate.gate;

import dev.archgate.audit.PathGlobs;
import dev.archgate.audit.PlatformAudit;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.ImageSource;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.image.PlatformImage;
import dev.archgate.image.ResolvedImage;
import dev.archgate.platform.Platform;
import dev.archgate.report.Finding;
import dev.archgate.report.PlatformReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;

/** The static audit of every platform of a resolved image, platforms in parallel. */
final class AuditRun {
    private AuditRun() {}

    /** Audits one platform; the findings are as the checks report them, before the policy. */
    static List<Finding> platform(ImageSource source, ResolvedImage image, Platform platform, PathGlobs ignored, ExecutorService layers)
            throws IOException {
        Optional<PlatformImage> variant = image.variants().get(platform);
        if (variant.isEmpty()) {
            return List.of(PlatformAudit.missing(platform, image.offered()));
        }
        List<Finding> out = new ArrayList<>(PlatformAudit.labels(variant.get()));
        MergedFilesystem fs = ImageResolver.filesystem(source, variant.get(), layers);
        out.addAll(PlatformAudit.files(variant.get(), fs, ignored));
        return out;
    }

    static PlatformReport report(Platform platform, List<Finding> findings) {
        return PlatformReport.of(platform, findings, List.of());
    }
}
