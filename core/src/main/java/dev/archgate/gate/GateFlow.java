package dev.archgate.gate;

import dev.archgate.ArchgateException;
import dev.archgate.build.BuildResult;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.host.BinfmtLock;
import dev.archgate.host.Host;
import dev.archgate.image.model.ImageLocation;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.GateSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

/**
 * The gate, one direction: lint the Dockerfile and build every platform with buildx (for a build
 * spec), resolve the image, then per platform in parallel the static audit and the smoke runs
 * (sharing one read of its layers), then the verdict, and only on a pass the promotion of the
 * tested digest. The audit and smoke commands run the same flow with one stage switched off.
 * Each stage is a class of its own; this one only orders them over the adapter's host.
 */
final class GateFlow {
    private final Host host;
    private final GateSpec spec;
    private final GateListener listener;
    private final Stages stages;
    private final Policy policy;
    private volatile boolean cancelled;

    GateFlow(Host host, GateSpec spec, GateListener listener, Stages stages) {
        this.host = host;
        this.spec = spec;
        this.listener = listener;
        this.stages = stages;
        this.policy = new Policy(spec.checkLevels());
    }

    /**
     * Stops the run from another thread: the running build or smoke runs stop (the caller
     * interrupts the flow's thread), and {@link #run} returns a report whose unfinished platforms
     * are errors with reason {@code interrupted}.
     */
    void cancel() {
        cancelled = true;
    }

    Report run() throws InterruptedException {
        List<Finding> imageFindings = new ArrayList<>();
        String name = spec.image();
        // Its sweeps start with the first engine connection, which emulation.install may make before a build. Smoke runs
        // and builds (RUN steps of other platforms) rely on the QEMU handlers: not while another process changes them.
        boolean emulates = stages.smoke || spec.build() != null;
        try (BinfmtLock.Held handlers = emulates ? host.binfmtLock().shared(listener::log) : BinfmtLock.NONE;
             EnginePreparation engines = new EnginePreparation(host, spec, listener)) {
            Map<Platform, String> images = new LinkedHashMap<>();
            spec.platforms().forEach(p -> images.put(p, spec.image()));
            if (stages.smoke && spec.installEmulation()) {
                engines.installEmulation(); // before a build too: its RUN steps for other platforms need the same handlers
            }
            if (spec.build() != null) {
                BuildStage build = new BuildStage(host, spec, listener, engines::docker);
                imageFindings.addAll(build.lint());
                BuildResult built = build.build();
                if (!built.succeeded()) {
                    return build.failed(built.failure(), imageFindings, stages, policy);
                }
                spec.platforms().forEach(p -> images.put(p, built.image() != null ? built.image() : built.perPlatform().get(p)));
                name = built.tag();
            }
            return check(name, images, imageFindings, engines);
        } catch (InterruptedException e) {
            return CheckPools.stopped(name, spec.platforms(), policy, imageFindings, listener, null);
        } catch (RuntimeException e) {
            if (cancelled) {
                return CheckPools.stopped(name, spec.platforms(), policy, imageFindings, listener, null);
            }
            throw e;
        }
    }

    private Report check(String name, Map<Platform, String> images, List<Finding> imageFindings, EnginePreparation engines)
            throws InterruptedException {
        host.inflaters(); // a misspelt ARCHGATE_INFLATER stops the run before any image is read
        Map<String, ImageLocation> locations = new LinkedHashMap<>();
        for (String image : new LinkedHashSet<>(images.values())) {
            ImageLocation location = ImageLocation.parse(image);
            locations.put(image, location);
            if (stages.smoke && !location.runsAsContainer()) {
                throw ArchgateException.usage("smoke tests run containers, so the image must be in a registry or the Docker Engine: push or load "
                        + image + " first");
            }
        }
        PlatformChecks checks = new PlatformChecks(host, spec, stages, policy, engines);
        CheckPools pools = new CheckPools(spec.platforms().size());
        Map<String, CheckedImage> targets = new LinkedHashMap<>();
        try {
            // The engines are connected, swept and their emulation checked while the registry is read:
            // neither needs the other, and both take seconds on a cold JVM.
            Future<?> enginesReady = pools.beside(stages.smoke, () -> {
                engines.prepare();
                return null;
            });
            try {
                for (String image : new LinkedHashSet<>(images.values())) {
                    listener.log("resolving " + image);
                    List<Platform> served = spec.platforms().stream().filter(p -> image.equals(images.get(p))).toList();
                    targets.put(image, CheckedImage.open(locations.get(image), served, host, spec.insecureRegistries(), engines::docker));
                }
            } catch (IOException | RuntimeException e) {
                EnginePreparation.rethrowFailure(enginesReady); // an engine that does not answer is said first, as when it was asked first
                throw e;
            }
            for (Platform p : spec.platforms()) {
                CheckedImage target = targets.get(images.get(p));
                // After the engines' preparation, each platform's beside the others': the container is made and started while the layers are read.
                Future<SmokeRunner> speculation = pools.ahead(stages.smoke, enginesReady, () -> checks.speculate(target, p));
                pools.start(p, () -> {
                    listener.platformStarted(p);
                    PlatformReport r = checks.check(target, p, pools.layers(), enginesReady, speculation);
                    listener.platformFinished(r);
                    return r;
                });
            }
            Futures.get(enginesReady); // a gate without its local engine stops here, with its one sentence
            List<PlatformReport> reports = checks.withSkew(pools.reports());
            // One image has one digest; a build of one image per platform (classic store) has none.
            CheckedImage only = targets.size() == 1 ? targets.values().iterator().next() : null;
            Report report = Report.of(name, only == null ? null : only.resolved().digest(), policy.apply(imageFindings), reports);
            if (stages == Stages.ALL) {
                Promotion.promote(host.dockerCli(), report, only == null ? null : only.pinned(), spec.promote(), listener);
            }
            return report;
        } catch (InterruptedException | InterruptedIOException e) {
            return CheckPools.stopped(name, spec.platforms(), policy, imageFindings, listener, pools);
        } catch (ArchgateException e) {
            if (cancelled) {
                return CheckPools.stopped(name, spec.platforms(), policy, imageFindings, listener, pools);
            }
            throw e;
        } catch (IOException e) {
            if (cancelled) {
                return CheckPools.stopped(name, spec.platforms(), policy, imageFindings, listener, pools);
            }
            throw new ArchgateException("cannot read " + String.join(", ", targets.keySet()) + " (" + e.getMessage() + ")",
                    ArchgateException.Kind.ENVIRONMENT, e);
        } finally {
            pools.close(); // a cancelled gate ends only when its platforms' threads have removed their smoke containers
            targets.values().forEach(CheckedImage::close);
        }
    }
}
