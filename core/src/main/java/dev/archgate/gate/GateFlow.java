package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.audit.ImageDesign;
import dev.archgate.audit.PathGlobs;
import dev.archgate.audit.PlatformAudit;
import dev.archgate.build.BuildFailure;
import dev.archgate.audit.VariantSkew;
import dev.archgate.build.BuildResult;
import dev.archgate.build.Buildx;
import dev.archgate.build.BuildxBuilder;
import dev.archgate.build.BuildxBuilders;
import dev.archgate.emulation.Binfmt;
import dev.archgate.emulation.EngineRegistrar;
import dev.archgate.image.ImageException;
import dev.archgate.image.GzipInflater;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.ImageSource;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.image.PlatformImage;
import dev.archgate.image.ResolvedImage;
import dev.archgate.lint.Dockerfile;
import dev.archgate.lint.DockerfileLinter;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.Coverage;
import dev.archgate.report.Finding;
import dev.archgate.report.PlatformReport;
import dev.archgate.report.Report;
import dev.archgate.report.SmokeResult;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SpecException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

/**
 * The gate, one direction: lint the Dockerfile and build every platform with buildx (for a build
 * spec), resolve the image, then per platform in parallel the static audit and the smoke runs
 * (sharing one read of its layers), then the verdict, and only on a pass the promotion of the
 * tested digest. The audit and smoke commands run the same flow with one stage switched off.
 */
final class GateFlow {
    private final GateSpec spec;
    private final GateListener listener;
    private final Stages stages;
    private final Policy policy;
    private final PathGlobs ignored;
    private DockerClient docker;
    private final SmokeEngines engines;
    private volatile boolean cancelled;
    /** Each audited variant's size profile, for the comparison across platforms once all are read. */
    private final Map<Platform, VariantSkew.Variant> profiles = new java.util.concurrent.ConcurrentHashMap<>();
    /** What keeps each platform's code from running on the local engine (null: nothing), found once per run. */
    private final Map<Platform, String> emulationProblems = new java.util.HashMap<>();

    GateFlow(GateSpec spec, GateListener listener, Stages stages) {
        this.spec = spec;
        this.listener = listener;
        this.stages = stages;
        this.policy = new Policy(spec.checkLevels());
        this.ignored = new PathGlobs(spec.ignorePaths());
        this.engines = new SmokeEngines(spec.machines().engines(), this::docker);
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
        try {
            Map<Platform, String> images = new LinkedHashMap<>();
            spec.platforms().forEach(p -> images.put(p, spec.image()));
            if (stages.smoke && spec.installEmulation()) {
                installEmulation(); // before a build too: its RUN steps for other platforms need the same handlers
            }
            if (spec.build() != null) {
                imageFindings.addAll(lint());
                BuildResult built = build();
                if (!built.succeeded()) {
                    return failedBuild(built.failure(), imageFindings);
                }
                spec.platforms().forEach(p -> images.put(p, built.image() != null ? built.image() : built.perPlatform().get(p)));
                name = built.tag();
            }
            return check(name, images, imageFindings);
        } catch (InterruptedException e) {
            return interrupted(name, imageFindings, Map.of(), null);
        } catch (RuntimeException e) {
            if (cancelled) {
                return interrupted(name, imageFindings, Map.of(), null);
            }
            throw e;
        } finally {
            engines.awaitSweeps(); // started with the first engine connection, which emulation.install may make before a build
        }
    }

    private Report check(String name, Map<Platform, String> images, List<Finding> imageFindings) throws InterruptedException {
        try {
            GzipInflater.fromEnvironment(); // a misspelt ARCHGATE_INFLATER stops the run before any image is read
        } catch (ImageException e) {
            throw ImageSources.translate(e);
        }
        for (String image : new LinkedHashSet<>(images.values())) {
            if (stages.smoke && (image.startsWith("oci:") || image.startsWith("oci-archive:"))) {
                throw new SpecException("smoke tests run containers, so the image must be in a registry or the Docker Engine: push or load "
                        + image + " first");
            }
        }
        // The engines are connected, swept and their emulation checked while the registry is read:
        // neither needs the other, and both take seconds on a cold JVM.
        ExecutorService warmUp = Executors.newSingleThreadExecutor();
        Future<?> enginesReady = stages.smoke ? warmUp.submit(() -> {
            prepareEngines();
            return null;
        }) : java.util.concurrent.CompletableFuture.completedFuture(null);
        // Smoke runs mostly wait on the engine and on QEMU, so every platform gets its own thread
        // (bounded, for gates of many platforms); layer reads share the cores.
        ExecutorService platforms = Executors.newFixedThreadPool(Math.min(spec.platforms().size(), Engine.MAX_PARALLEL));
        ExecutorService layers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        Map<String, Target> targets = new LinkedHashMap<>();
        Map<Platform, Future<PlatformReport>> running = new LinkedHashMap<>();
        try {
            try {
                for (String image : new LinkedHashSet<>(images.values())) {
                    targets.put(image, open(image, images));
                }
            } catch (IOException | RuntimeException e) {
                enginesFailure(enginesReady); // an engine that does not answer is said first, as when it was asked first
                throw e;
            }
            for (Platform p : spec.platforms()) {
                Target t = targets.get(images.get(p));
                running.put(p, platforms.submit(() -> {
                    listener.platformStarted(p);
                    PlatformReport r = platform(t, p, layers, enginesReady);
                    listener.platformFinished(r);
                    return r;
                }));
            }
            Futures.get(enginesReady); // a gate without its local engine stops here, with its one sentence
            List<PlatformReport> reports = new ArrayList<>();
            for (Future<PlatformReport> f : running.values()) {
                reports.add(Futures.get(f));
            }
            reports = withSkew(reports);
            // One image has one digest; a build of one image per platform (classic store) has none.
            String digest = targets.size() == 1 ? targets.values().iterator().next().resolved().digest() : null;
            Report report = Report.of(name, digest, policy.apply(imageFindings), reports);
            if (stages == Stages.ALL) {
                promote(report, targets);
            }
            return report;
        } catch (InterruptedException | InterruptedIOException e) {
            return interrupted(name, imageFindings, running, platforms);
        } catch (ImageException e) {
            if (cancelled) {
                return interrupted(name, imageFindings, running, platforms);
            }
            throw ImageSources.translate(e);
        } catch (IOException e) {
            if (cancelled) {
                return interrupted(name, imageFindings, running, platforms);
            }
            throw new GateException("cannot read " + String.join(", ", targets.keySet()) + " (" + e.getMessage() + ")",
                    GateException.Kind.ENVIRONMENT, e);
        } finally {
            layers.shutdownNow();
            platforms.shutdownNow();
            warmUp.shutdownNow();
            // A cancelled gate ends only when its platform workers (and the emulation probes) have removed their smoke containers.
            Futures.awaitEnd(platforms, GateRun.STOP_WAIT);
            Futures.awaitEnd(warmUp, GateRun.STOP_WAIT);
            targets.values().forEach(Target::close);
        }
    }

    /**
     * The report of a stopped run: platforms that finished keep their verdict, every other one is
     * an error with reason "interrupted". The platforms' threads are stopped and waited for first,
     * so the containers they created are gone when the report is written.
     */
    private Report interrupted(String name, List<Finding> imageFindings, Map<Platform, Future<PlatformReport>> running,
                               ExecutorService platforms) {
        boolean wasInterrupted = Thread.interrupted(); // the wait below must not be cut short by the interrupt being handled
        listener.log("interrupted: stopping the checks and removing their containers");
        if (platforms != null) {
            platforms.shutdownNow();
            try {
                platforms.awaitTermination(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                wasInterrupted = true;
            }
        }
        List<PlatformReport> reports = new ArrayList<>();
        for (Platform p : spec.platforms()) {
            Future<PlatformReport> f = running.get(p);
            PlatformReport done = null;
            if (f != null && f.isDone() && !f.isCancelled()) {
                try {
                    done = f.get();
                } catch (java.util.concurrent.ExecutionException | InterruptedException e) {
                    done = null; // it stopped with the run
                }
            }
            reports.add(done != null ? done : PlatformReport.interrupted(p));
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
        return Report.of(name, null, policy.apply(imageFindings), reports);
    }

    /** Adds the warning for a variant far larger than its siblings, which only the whole set can show. */
    private List<PlatformReport> withSkew(List<PlatformReport> reports) {
        List<VariantSkew.Variant> variants = spec.platforms().stream().map(profiles::get).filter(java.util.Objects::nonNull).toList();
        Map<Platform, List<Finding>> skew = VariantSkew.check(variants);
        return reports.stream().map(r -> skew.containsKey(r.platform()) ? r.adding(policy.apply(skew.get(r.platform()))) : r).toList();
    }

    /** One image being checked: its source, its resolution for the platforms it serves, and the name the engine runs. */
    private record Target(ImageSource source, ResolvedImage resolved, String pinned) {
        void close() {
            try {
                source.close();
            } catch (IOException e) {
                // a temporary export; nothing depends on it any more
            }
        }
    }

    private Target open(String image, Map<Platform, String> images) throws IOException {
        listener.log("resolving " + image);
        ImageSource source = ImageSources.open(image, new HashSet<>(spec.insecureRegistries()), this::docker);
        try {
            List<Platform> served = spec.platforms().stream().filter(p -> image.equals(images.get(p))).toList();
            ResolvedImage resolved = ImageResolver.resolve(source, served);
            return new Target(source, resolved, Engine.pinned(image, resolved));
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    /**
     * What the smoke runs need before their first container, found once: the local engine
     * connected (when it runs any platform; else an environment error for the whole gate), the
     * engines of engines: connected (one that does not answer fails its own platforms only), stale
     * containers swept, CPU overrides checked, and the emulation of every platform the local
     * engine emulates.
     */
    private void prepareEngines() throws InterruptedException {
        if (!spec.machines().engines().keySet().containsAll(spec.platforms())) {
            engines.local();
        }
        for (Platform p : spec.platforms()) {
            SmokeEngines.Target engine;
            try {
                engine = engines.forPlatform(p);
            } catch (GateException e) {
                continue; // an engine of engines: that does not answer: its platforms report it
            }
            if (engine.local() && !engine.runsNatively(p)) {
                emulationProblem(p);
            }
            if (spec.strictEmulation()) {
                engine.runner().prepareQemu(p);
            }
        }
        if (spec.strictEmulation()) {
            checkCpuOverrides();
        }
    }

    /** Throws the engines' failure when their preparation failed (it is waited for), else returns. */
    private static void enginesFailure(Future<?> enginesReady) throws InterruptedException {
        try {
            enginesReady.get();
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
        }
    }

    /** A CPU model the host's QEMU does not know would fail every run of its platform as if the image were broken. */
    private void checkCpuOverrides() {
        spec.emulationCpu().forEach((platform, model) -> {
            SmokeEngines.Target engine;
            try {
                engine = engines.forPlatform(platform);
            } catch (GateException e) {
                return; // its platform reports the engine itself
            }
            engine.runner().unknownCpuModel(platform, model).ifPresent(problem -> {
                throw new SpecException("emulation.cpu: " + problem);
            });
        });
    }

    /**
     * emulation.install: registers missing handlers, directly where binfmt_misc is visible and
     * writable, else through a privileged container on the engine (archgate beside the engine,
     * as the GitHub Action runs), there only for the platforms whose probe fails. What still fails
     * is reported per platform as emulation.missing.
     */
    private void installEmulation() throws InterruptedException {
        Binfmt binfmt = Binfmt.host();
        try {
            binfmt.install(spec.platforms()).forEach(listener::log); // mounts binfmt_misc first where it may
            return;
        } catch (IOException direct) {
            listener.log("cannot register QEMU handlers directly (" + direct.getMessage() + "); registering through a privileged container");
        }
        List<Platform> missing = new ArrayList<>();
        for (Platform p : spec.platforms()) {
            if (emulationProblem(p) != null) {
                missing.add(p);
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        synchronized (emulationProblems) {
            missing.forEach(emulationProblems::remove); // proven anew after the registration
        }
        try {
            new EngineRegistrar(binfmt).install(docker(), missing).forEach(listener::log);
        } catch (IOException e) {
            listener.log("could not install QEMU handlers (" + e.getMessage() + "); platforms without one are reported as emulation.missing");
        }
    }

    /**
     * Why a platform's code cannot run on the engine (null: it can), found once per run: where
     * binfmt_misc is not visible it costs a probe container, which emulation.install already ran.
     */
    private String emulationProblem(Platform p) throws InterruptedException {
        synchronized (emulationProblems) {
            if (emulationProblems.containsKey(p)) {
                return emulationProblems.get(p);
            }
        }
        String problem = Emulation.problem(Binfmt.host(), docker(), engines.local().runner(), p);
        synchronized (emulationProblems) {
            emulationProblems.put(p, problem);
        }
        return problem;
    }

    private synchronized DockerClient docker() {
        if (docker == null) {
            docker = Engine.connect(); // only what needs the engine connects: an audit of a registry image does not
        }
        return docker;
    }

    private PlatformReport platform(Target target, Platform p, ExecutorService layers, Future<?> enginesReady)
            throws IOException, InterruptedException {
        ImageSource source = target.source();
        ResolvedImage image = target.resolved();
        Coverage coverage = Coverage.asked(stages.audit, stages.smoke ? spec.smoke().size() : 0);
        Optional<PlatformImage> variant = image.variants().get(p);
        if (variant.isEmpty()) {
            return PlatformReport.of(p, coverage, policy.apply(List.of(PlatformAudit.missing(p, image.offered()))), List.of());
        }
        List<Finding> findings = new ArrayList<>();
        MergedFilesystem fs = ImageResolver.filesystem(source, variant.get(), layers);
        ImageDesign design = null;
        if (stages.audit) {
            findings.addAll(PlatformAudit.labels(variant.get()));
            findings.addAll(PlatformAudit.files(variant.get(), fs, ignored));
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
                engine = engines.forPlatform(p);
            } catch (GateException e) {
                findings.add(Finding.error(Check.ENGINE_FAILED, null, e.getMessage()));
                return PlatformReport.of(p, coverage, policy.apply(findings), List.of());
            }
            SmokeRun.Outcome outcome = SmokeRun.platform(engine, this::emulationProblem, spec, variant.get(), target.pinned(), fs);
            findings.addAll(outcome.findings().stream().filter(f -> findings.stream().noneMatch(a -> a.check() == f.check())).toList());
            smoke = outcome.results();
        }
        PlatformReport report = PlatformReport.of(p, coverage, policy.apply(findings), smoke);
        return design == null ? report : report.withSize(design.size());
    }

    private List<Finding> lint() {
        Path file = spec.build().dockerfileOrDefault();
        try {
            return DockerfileLinter.lint(Dockerfile.parse(shownDockerfile(), Files.readString(file)), spec.platforms());
        } catch (IOException e) {
            throw new GateException("cannot read the Dockerfile " + file + ": give build.dockerfile (or --file) the path of yours",
                    GateException.Kind.USAGE, e);
        }
    }

    /**
     * Refuses, before anything is built, a platform the builder cannot build: no node lists its
     * architecture and, for a builder on this machine's engine, no QEMU handler here runs it.
     *
     * @return the builder, whose driver decides how a multi-platform push is done
     */
    private BuildxBuilder checkBuilder() throws InterruptedException {
        BuildxBuilder builder;
        try {
            builder = new BuildxBuilders(DockerClients.CLI).inspect(spec.machines().builder());
        } catch (BuildxBuilders.BuilderException e) {
            throw new GateException(e.getMessage(), e.usage() ? GateException.Kind.USAGE : GateException.Kind.ENVIRONMENT, e);
        }
        Binfmt binfmt = Binfmt.host();
        List<Platform> refused = spec.platforms().stream().filter(p -> !builder.offers(p)
                && !(builder.onThisMachine() && (Binfmt.isNative(p) || binfmt.status(p).problem() == null))).toList();
        if (!refused.isEmpty()) {
            String list = String.join(", ", refused.stream().map(Platform::toString).toList());
            throw new GateException("the buildx builder '" + builder.name() + "' cannot build " + list + ": its nodes offer "
                    + String.join(", ", builder.listed()) + (builder.onThisMachine() ? " and this machine has no QEMU handler for "
                    + (refused.size() == 1 ? "it" : "them") + "; run 'archgate qemu install " + list.replace(", ", ",") + "', or" : "; ")
                    + " add a node of that platform ('docker buildx create --append --name " + builder.name() + " ...')",
                    GateException.Kind.ENVIRONMENT, null);
        }
        return builder;
    }

    /** The Dockerfile named as the user would open it: relative to the working directory when it lies below it. */
    private String shownDockerfile() {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = spec.build().dockerfileOrDefault().toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }

    /**
     * A build that failed for some platforms: each of those fails with build.failed at the
     * Dockerfile line of its step; every other platform is reported as not checked, since buildx
     * produced no image of it (never as passed, whatever the check levels say).
     */
    private Report failedBuild(BuildFailure failure, List<Finding> imageFindings) {
        String file = shownDockerfile();
        List<PlatformReport> reports = new ArrayList<>();
        String failed = failure.steps().stream().map(s -> s.platform().toString()).distinct().collect(Collectors.joining(", "));
        for (Platform p : spec.platforms()) {
            List<Finding> findings = new ArrayList<>();
            for (BuildFailure.FailedStep step : failure.steps()) {
                if (step.platform().equals(p)) {
                    String where = step.line() > 0 ? file + ":" + step.line() : file;
                    findings.add(Finding.error(Check.BUILD_FAILED, where, "the build of " + p + " failed at " + where + " in step "
                            + abbreviate(step.step()) + ": " + abbreviate(step.error())
                            + (step.output().isEmpty() ? "" : "; its last output: " + String.join(" | ", step.output()))));
                }
            }
            // The platforms it did build were not checked: Coverage turns that into an error, never a pass.
            if (findings.isEmpty()) {
                findings.add(Finding.info(Check.BUILD_FAILED, null, "not checked: the build failed for " + failed
                        + ", so buildx produced no image of " + p + " to check; fix that build and run the gate again"));
            }
            PlatformReport r = PlatformReport.of(p, Coverage.asked(stages.audit, stages.smoke ? spec.smoke().size() : 0),
                    policy.apply(findings), List.of());
            listener.platformFinished(r);
            reports.add(r);
        }
        String name = spec.build().tags().isEmpty() ? spec.build().context().toString() : spec.build().tags().get(0);
        return Report.of(name, null, policy.apply(imageFindings), reports);
    }

    private static String abbreviate(String s) {
        return s.length() <= 300 ? s : s.substring(0, 297) + "...";
    }

    private BuildResult build() throws InterruptedException {
        BuildxBuilder builder = checkBuilder();
        listener.log("building " + spec.platforms().size() + " platforms with docker buildx");
        var info = docker().infoCmd().exec();
        boolean containerdStore = info.getDriverStatuses() != null && info.getDriverStatuses().stream()
                .anyMatch(s -> s.size() > 1 && String.valueOf(s.get(1)).contains("io.containerd.snapshotter"));
        BuildResult built = new Buildx(DockerClients.CLI, spec.machines().builder(), builder.driver()).build(spec.build(), spec.platforms(), containerdStore, listener::log);
        built.warnings().forEach(w -> listener.log("build warning: " + w));
        if (!built.succeeded() && built.failure().kind() != BuildFailure.Kind.PLATFORM) {
            throw new GateException(built.failure().message(), built.failure().kind() == BuildFailure.Kind.USAGE
                    ? GateException.Kind.USAGE : GateException.Kind.ENVIRONMENT, null);
        }
        return built;
    }

    private void promote(Report report, Map<String, Target> targets) throws InterruptedException {
        String pinned = targets.size() == 1 ? targets.values().iterator().next().pinned() : null;
        Promotion.promote(report, pinned, spec.promote(), listener);
    }
}
