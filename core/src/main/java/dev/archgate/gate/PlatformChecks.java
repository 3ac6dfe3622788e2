package dev.archgate.gate;

import dev.archgate.ArchgateException;
import dev.archgate.audit.ImageDesign;
import dev.archgate.audit.PathGlobs;
import dev.archgate.audit.PlatformAudit;
import dev.archgate.audit.VariantSkew;
import dev.archgate.findings.Check;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.Host;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.image.model.ResolvedImage;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The checks of one platform: its layers read once, the static audit of its files, then its smoke
 * runs, which resolve each command from the same read. Each audited variant's size profile is
 * kept for the comparison across platforms ({@link #withSkew}), which only the whole set can show.
 */
final class PlatformChecks {
    private final Host host;
    private final GateSpec spec;
    private final Stages stages;
    private final Policy policy;
    private final PathGlobs ignored;
    private final EnginePreparation engines;
    private final Map<Platform, VariantSkew.Variant> profiles = new ConcurrentHashMap<>();

    PlatformChecks(Host host, GateSpec spec, Stages stages, Policy policy, EnginePreparation engines) {
        this.host = host;
        this.spec = spec;
        this.stages = stages;
        this.policy = policy;
        this.ignored = new PathGlobs(spec.ignorePaths());
        this.engines = engines;
    }

    /**
     * Creates and starts, while the layers are read, the container the platform's first smoke test would start
     * if its command's program is the plain one ({@link dev.archgate.smoke.SmokeRunner#speculate}):
     * only for strict runs under this machine's QEMU, whose launch the read may then confirm. Runs
     * after the engines' preparation, beside the other platforms' (CheckPools#ahead).
     *
     * @return the runner that made it, null when none was tried
     */
    SmokeRunner speculate(CheckedImage target, Platform p) throws InterruptedException {
        Optional<PlatformImage> variant = target.resolved().variants().get(p);
        if (variant.isEmpty() || spec.smoke().isEmpty() || !spec.strictEmulation()) {
            return null;
        }
        SmokeEngines.Target engine;
        try {
            engine = engines.engines().forPlatform(p);
        } catch (ArchgateException e) {
            return null; // the platform's check says why
        }
        if (!engine.local() || engine.runsNatively(p) || engines.emulationProblem(p) != null) {
            return null;
        }
        SmokeTest first = spec.smoke().get(0);
        List<String> argv = first.command().isEmpty() ? variant.get().config().argv() : first.command();
        engine.runner().speculate(SmokeRun.platformManifest(target.pinned(), variant.get()), p, argv, SmokeRun.cpuModel(spec, p));
        return engine.runner();
    }

    /**
     * @param layers the pool the variant's layers are read on
     * @param enginesReady the engines' preparation, waited for before the first smoke run
     * @param speculation {@link #speculate} of this platform, waited for (and what no run took removed) at the end
     */
    PlatformReport check(CheckedImage target, Platform p, ExecutorService layers, Future<?> enginesReady, Future<SmokeRunner> speculation)
            throws IOException, InterruptedException {
        try {
            return checkAll(target, p, layers, enginesReady, speculation);
        } finally {
            boolean interrupted = Thread.interrupted(); // what was made ahead goes on every way out
            SmokeRunner runner = madeAhead(speculation);
            if (runner != null) {
                runner.discardSpeculation(SmokeRun.platformManifest(target.pinned(), target.resolved().variants().get(p).orElseThrow()), p);
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The runner {@link #speculate} made a container on, once it is done; null when it made none or failed. */
    private static SmokeRunner madeAhead(Future<SmokeRunner> speculation) {
        try {
            return speculation.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null; // what it made is in the runner's list, which stopping removes
        } catch (ExecutionException | CancellationException e) {
            return null;
        }
    }

    private PlatformReport checkAll(CheckedImage target, Platform p, ExecutorService layers, Future<?> enginesReady,
                                    Future<SmokeRunner> speculation) throws IOException, InterruptedException {
        ResolvedImage image = target.resolved();
        Coverage coverage = Coverage.asked(stages.audit, stages.smoke ? spec.smoke().size() : 0);
        Optional<PlatformImage> variant = image.variants().get(p);
        if (variant.isEmpty()) {
            return PlatformReport.of(p, coverage, policy.apply(List.of(PlatformAudit.missing(p, image.offered()))), List.of());
        }
        List<Finding> findings = new ArrayList<>();
        MergedFilesystem fs = ImageResolver.filesystem(target.source(), variant.get(), layers, host.inflaters());
        ImageDesign design = null;
        if (stages.audit) {
            findings.addAll(PlatformAudit.labels(variant.get()));
            findings.addAll(PlatformAudit.files(variant.get(), fs, ignored, spec.hardware()));
            coverage = coverage.withAuditRead(); // the filesystem exists only once every layer was read
            design = ImageDesign.check(variant.get(), fs, spec.policy(), ignored);
            findings.addAll(design.findings());
            profiles.put(p, design.variant());
        }
        List<SmokeResult> smoke = List.of();
        if (stages.smoke) {
            Futures.get(enginesReady);
            SmokeEngines.Target engine;
            try {
                engine = engines.engines().forPlatform(p);
            } catch (ArchgateException e) {
                findings.add(Finding.error(Check.ENGINE_FAILED, null, e.getMessage()));
                return PlatformReport.of(p, coverage, policy.apply(findings), List.of());
            }
            madeAhead(speculation); // its container is the first run's when the launch matches: never made twice
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("stopped while the smoke container was made");
            }
            SmokeRun.Outcome outcome = SmokeRun.platform(engine, engines.emulationCheck(), spec, variant.get(), target.pinned(), fs);
            findings.addAll(outcome.findings().stream().filter(f -> findings.stream().noneMatch(a -> a.check() == f.check())).toList());
            smoke = outcome.results();
        }
        PlatformReport report = PlatformReport.of(p, coverage, policy.apply(findings), smoke);
        return design == null ? report : report.withSize(design.size());
    }

    /** Adds the warning for a variant far larger than its siblings. */
    List<PlatformReport> withSkew(List<PlatformReport> reports) {
        List<VariantSkew.Variant> variants = spec.platforms().stream().map(profiles::get).filter(Objects::nonNull).toList();
        Map<Platform, List<Finding>> skew = VariantSkew.check(variants);
        return reports.stream().map(r -> skew.containsKey(r.platform()) ? r.adding(policy.apply(skew.get(r.platform()))) : r).toList();
    }
}
