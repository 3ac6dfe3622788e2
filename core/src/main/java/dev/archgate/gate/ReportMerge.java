package dev.archgate.gate;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SmokeResult;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One verdict from the reports of split runs (each machine checked some platforms of one image).
 * It fails closed: reports about different digests are refused, a required platform that no
 * report checked is an error, and a platform checked twice keeps everything the runs that could
 * check it found, so a failure on one machine is never hidden by a pass on another.
 */
final class ReportMerge {
    private ReportMerge() {}

    /** A report and the name it is shown by (its file). */
    record Named(String name, Report report) {
        Named {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(report, "report");
        }
    }

    static Report merge(List<Named> reports, List<Platform> required) {
        if (reports.isEmpty()) {
            throw new ArchgateException("merge needs at least one report.json", ArchgateException.Kind.USAGE, null);
        }
        Named first = null;
        for (Named r : reports) {
            if (r.report().digest() == null) {
                throw new ArchgateException(r.name() + " has no digest: that run could not resolve its image (verdict "
                        + r.report().verdict().id() + "); run it again and merge the report it writes", ArchgateException.Kind.ENVIRONMENT, null);
            }
            if (first == null) {
                first = r;
            } else if (!first.report().digest().equals(r.report().digest())) {
                throw new ArchgateException("the reports are about different images: " + first.name() + " checked " + first.report().digest()
                        + " but " + r.name() + " checked " + r.report().digest() + "; merge only split runs of one digest",
                        ArchgateException.Kind.USAGE, null);
            }
        }
        Map<Platform, List<PlatformReport>> byPlatform = new LinkedHashMap<>();
        required.forEach(p -> byPlatform.put(p, new ArrayList<>()));
        LinkedHashSet<Finding> imageFindings = new LinkedHashSet<>();
        for (Named r : reports) {
            imageFindings.addAll(r.report().findings());
            for (PlatformReport p : r.report().platforms()) {
                List<PlatformReport> slot = byPlatform.get(p.platform());
                if (slot != null) {
                    slot.add(p);
                }
            }
        }
        List<PlatformReport> platforms = new ArrayList<>();
        byPlatform.forEach((platform, found) -> platforms.add(found.isEmpty() ? unchecked(platform, reports) : combined(platform, found)));
        return Report.of(first.report().image(), first.report().digest(), List.copyOf(imageFindings), platforms);
    }

    private static PlatformReport unchecked(Platform platform, List<Named> reports) {
        return PlatformReport.readBack(platform, PlatformReport.NOT_CHECKED, List.of(Finding.error(Check.PLATFORM_NOT_CHECKED, null, "no report checked " + platform + " ("
                + String.join(", ", reports.stream().map(Named::name).toList()) + " do not hold it): run archgate for " + platform
                + " on a machine that can, and merge its report too")), List.of());
    }

    /**
     * Everything every run found for one platform; its verdict is derived from all of it. A run
     * that could not check the platform (verdict error: no emulator there, say) is left out when
     * another run did check it, natively for instance; a proven failure is never left out.
     */
    private static PlatformReport combined(Platform platform, List<PlatformReport> all) {
        List<PlatformReport> checked = all.stream().filter(p -> p.verdict() != Verdict.ERROR).toList();
        List<PlatformReport> found = checked.isEmpty() ? all : checked;
        if (found.size() == 1) {
            return found.get(0);
        }
        LinkedHashSet<Finding> findings = new LinkedHashSet<>();
        List<SmokeResult> smoke = new ArrayList<>();
        for (PlatformReport p : found) {
            findings.addAll(p.findings());
            smoke.addAll(p.smoke());
        }
        String reason = found.stream().map(PlatformReport::reason).filter(r -> r != null).findFirst().orElse(null);
        return PlatformReport.readBack(platform, reason, List.copyOf(findings), smoke);
    }
}
