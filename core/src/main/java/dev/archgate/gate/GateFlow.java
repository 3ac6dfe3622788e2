package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.audit.PathGlobs;
import dev.archgate.audit.PlatformAudit;
import dev.archgate.build.BuildResult;
import dev.archgate.build.Buildx;
import dev.archgate.emulation.Binfmt;
import dev.archgate.emulation.EngineRegistrar;
import dev.archgate.image.ImageException;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.ImageSource;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.image.PlatformImage;
import dev.archgate.image.ResolvedImage;
import dev.archgate.lint.Dockerfile;
import dev.archgate.lint.DockerfileLinter;
import dev.archgate.platform.Platform;
import dev.archgate.promote.PromotionResult;
import dev.archgate.promote.Promoter;
import dev.archgate.report.Finding;
import dev.archgate.report.PlatformReport;
import dev.archgate.report.Report;
import dev.archgate.report.SmokeResult;
import dev.archgate.report.Verdict;
import dev.archgate.smoke.SmokeRunner;
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

/**
 * The gate, one direction: lint the Dockerfile and build every platform with buildx (for a build
 * spec), resolve the image, then per platform in parallel the static audit and the smoke runs
 * (sharing one read of its layers), then the verdict, and only on a pass the promotion of the
 * tested digest. The audit and smoke commands run the same flow with one stage switched off.
 */
final class GateFlow {
    private static final String DOCKER = System.getenv().getOrDefault("ARCHGATE_DOCKER", "docker");

    private final GateSpec spec;
    private final GateListener listener;
    private final Stages stages;
    private final Policy policy;
    private final PathGlobs ignored;
    private DockerClient docker;
    private SmokeRunner runner;
    private final Map<Platform, String> emulationProblems = new java.util.HashMap<>();

    GateFlow(GateSpec spec, GateListener listener, Stages stages) {
        this.spec = spec;
        this.listener = listener;
        this.stages = stages;
        this.policy = new Policy(spec.checkLevels());
        this.ignored = new PathGlobs(spec.ignorePaths());
    }

    Report run() throws InterruptedException {
        List<Finding> imageFindings = new ArrayList<>();
        Map<Platform, String> images = new LinkedHashMap<>();
        spec.platforms().forEach(p -> images.put(p, spec.image()));
        String name = spec.image();
        if (spec.build() != null) {
            imageFindings.addAll(lint());
            BuildResult built = build();
            spec.platforms().forEach(p -> images.put(p, built.image() != null ? built.image() : built.perPlatform().get(p)));
            name = built.tag();
        }
        for (String image : new LinkedHashSet<>(images.values())) {
            if (stages.smoke && (image.startsWith("oci:") || image.startsWith("oci-archive:"))) {
                throw new SpecException("smoke tests run containers, so the image must be in a registry or the Docker Engine: push or load "
                        + image + " first");
            }
        }
        // Emulation is made ready (registrations, probes on the engine) while the image is resolved.
        ExecutorService emulation = Executors.newSingleThreadExecutor();
        Future<Void> emulationReady = null;
        if (stages.smoke) {
            runner = Engine.runner(docker());
            if (spec.installEmulation()) {
                emulationReady = emulation.submit(() -> {
                    installEmulation();
                    return null;
                });
            }
        }
        emulation.shutdown();
        // Smoke runs mostly wait on the engine and on QEMU, so every platform gets its own thread
        // (bounded, for gates of many platforms); layer reads share the cores.
        ExecutorService platforms = Executors.newFixedThreadPool(Math.min(spec.platforms().size(), Engine.MAX_PARALLEL));
        ExecutorService layers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        Map<String, Target> targets = new LinkedHashMap<>();
        try {
            for (String image : new LinkedHashSet<>(images.values())) {
                targets.put(image, open(image, images));
            }
            if (emulationReady != null) {
                Futures.get(emulationReady);
            }
            List<Future<PlatformReport>> running = new ArrayList<>();
            for (Platform p : spec.platforms()) {
                Target t = targets.get(images.get(p));
                running.add(platforms.submit(() -> {
                    listener.platformStarted(p);
                    PlatformReport r = platform(t, p, layers);
                    listener.platformFinished(r);
                    return r;
                }));
            }
            List<PlatformReport> reports = new ArrayList<>();
            for (Future<PlatformReport> f : running) {
                reports.add(Futures.get(f));
            }
            // One image has one digest; a build of one image per platform (classic store) has none.
            String digest = targets.size() == 1 ? targets.values().iterator().next().resolved().digest() : null;
            Report report = Report.of(name, digest, policy.apply(imageFindings), reports);
            if (stages == Stages.ALL) {
                promote(report, targets);
            }
            return report;
        } catch (ImageException e) {
            throw ImageSources.translate(e);
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        } catch (IOException e) {
            throw new GateException("cannot read " + String.join(", ", targets.keySet()) + " (" + e.getMessage() + ")",
                    GateException.Kind.ENVIRONMENT, e);
        } finally {
            layers.shutdownNow();
            platforms.shutdownNow();
            emulation.shutdownNow();
            targets.values().forEach(Target::close);
        }
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
        String problem = Emulation.problem(Binfmt.host(), docker(), runner, p);
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

    private PlatformReport platform(Target target, Platform p, ExecutorService layers) throws IOException, InterruptedException {
        ImageSource source = target.source();
        ResolvedImage image = target.resolved();
        Optional<PlatformImage> variant = image.variants().get(p);
        if (variant.isEmpty()) {
            return PlatformReport.of(p, policy.apply(List.of(PlatformAudit.missing(p, image.offered()))), List.of());
        }
        List<Finding> findings = new ArrayList<>();
        MergedFilesystem fs = ImageResolver.filesystem(source, variant.get(), layers);
        if (stages.audit) {
            findings.addAll(PlatformAudit.labels(variant.get()));
            findings.addAll(PlatformAudit.files(variant.get(), fs, ignored));
        }
        List<SmokeResult> smoke = List.of();
        if (stages.smoke) {
            SmokeRun.Outcome outcome = SmokeRun.platform(runner, this::emulationProblem, spec, variant.get(), target.pinned(), new FilesystemPrograms(fs));
            findings.addAll(outcome.findings().stream().filter(f -> findings.stream().noneMatch(a -> a.check() == f.check())).toList());
            smoke = outcome.results();
        }
        return PlatformReport.of(p, policy.apply(findings), smoke);
    }

    private List<Finding> lint() {
        Path file = spec.build().dockerfileOrDefault();
        try {
            // Named as the user would open it: relative to the working directory when it lies below it.
            Path cwd = Path.of("").toAbsolutePath();
            Path absolute = file.toAbsolutePath().normalize();
            String shown = absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
            return DockerfileLinter.lint(Dockerfile.parse(shown, Files.readString(file)), spec.platforms());
        } catch (IOException e) {
            throw new GateException("cannot read the Dockerfile " + file + ": give build.dockerfile (or --file) the path of yours",
                    GateException.Kind.USAGE, e);
        }
    }

    private BuildResult build() throws InterruptedException {
        listener.log("building " + spec.platforms().size() + " platforms with docker buildx");
        var info = docker().infoCmd().exec();
        boolean containerdStore = info.getDriverStatuses() != null && info.getDriverStatuses().stream()
                .anyMatch(s -> s.size() > 1 && String.valueOf(s.get(1)).contains("io.containerd.snapshotter"));
        BuildResult built = new Buildx(DOCKER).build(spec.build(), spec.platforms(), containerdStore, listener::log);
        built.warnings().forEach(w -> listener.log("build warning: " + w));
        if (!built.succeeded()) {
            throw new GateException(built.error(), GateException.Kind.USAGE, null);
        }
        return built;
    }

    private void promote(Report report, Map<String, Target> targets) throws InterruptedException {
        if (spec.promote().isEmpty()) {
            return;
        }
        if (report.verdict() != Verdict.PASS) {
            listener.log("not promoting to " + String.join(", ", spec.promote()) + ": the gate did not pass");
            return;
        }
        String pinned = targets.values().iterator().next().pinned();
        if (targets.size() != 1 || !pinned.contains("@sha256:")) {
            throw new GateException("promotion copies the tested image inside a registry, but " + pinned + " is only in the local engine: "
                    + "set build.push with tags", GateException.Kind.USAGE, null);
        }
        PromotionResult result = new Promoter(DOCKER).promote(pinned, spec.promote(), listener::log);
        if (!result.succeeded()) {
            throw new GateException("the gate passed but promotion failed: " + result.failure(), GateException.Kind.ENVIRONMENT, null);
        }
        result.promoted().forEach(t -> listener.log("promoted " + pinned + " to " + t));
    }
}
