package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.audit.PathGlobs;
import dev.archgate.audit.PlatformAudit;
import dev.archgate.build.BuildResult;
import dev.archgate.build.Buildx;
import dev.archgate.emulation.Binfmt;
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
import dev.archgate.report.Verdict;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.GateSpec;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The whole gate, one direction: lint the Dockerfile, build every platform with buildx, resolve
 * the image, then per platform in parallel the static audit and the smoke runs (sharing one read
 * of its layers), then the verdict, and only on a pass the promotion of the tested digest.
 */
final class FullGate {
    private static final String DOCKER = System.getenv().getOrDefault("ARCHGATE_DOCKER", "docker");

    private FullGate() {}

    static Report run(GateSpec spec, GateListener listener) throws InterruptedException {
        List<Finding> imageFindings = new ArrayList<>();
        String image = spec.image();
        String name = image;
        DockerClient docker = Engine.connect();
        if (spec.build() != null) {
            imageFindings.addAll(lint(spec));
            listener.log("building " + spec.platforms().size() + " platforms with docker buildx");
            BuildResult built = new Buildx(DOCKER).build(spec.build(), spec.platforms(), containerdStore(docker), listener::log);
            built.warnings().forEach(w -> listener.log("build warning: " + w));
            if (!built.succeeded()) {
                throw new GateException(built.error(), GateException.Kind.USAGE, null);
            }
            image = built.image();
            name = built.tag();
        }
        Policy policy = new Policy(spec.checkLevels());
        PathGlobs ignored = new PathGlobs(spec.ignorePaths());
        SmokeRunner runner = Engine.runner(docker);
        Binfmt binfmt = Binfmt.host();
        ExecutorService platforms = Executors.newFixedThreadPool(Math.min(spec.platforms().size(), Engine.MAX_PARALLEL));
        ExecutorService layers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (ImageSource source = ImageSources.open(image, new HashSet<>(spec.insecureRegistries()), () -> docker)) {
            listener.log("resolving " + image);
            ResolvedImage resolved = ImageResolver.resolve(source, spec.platforms());
            String pinned = Engine.pinned(image, resolved);
            List<Future<PlatformReport>> running = new ArrayList<>();
            for (Platform p : spec.platforms()) {
                running.add(platforms.submit(() -> {
                    listener.platformStarted(p);
                    PlatformReport r = platform(source, resolved, pinned, p, spec, policy, ignored, runner, binfmt, layers);
                    listener.platformFinished(r);
                    return r;
                }));
            }
            List<PlatformReport> reports = new ArrayList<>();
            for (Future<PlatformReport> f : running) {
                reports.add(get(f));
            }
            Report report = Report.of(name, resolved.digest(), policy.apply(imageFindings), reports);
            promote(spec, report, pinned, listener);
            return report;
        } catch (ImageException e) {
            throw ImageSources.translate(e);
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        } catch (IOException e) {
            throw new GateException("cannot read " + image + " (" + e.getMessage() + ")", GateException.Kind.ENVIRONMENT, e);
        } finally {
            layers.shutdownNow();
            platforms.shutdownNow();
        }
    }

    private static PlatformReport platform(ImageSource source, ResolvedImage image, String pinned, Platform p, GateSpec spec, Policy policy,
                                           PathGlobs ignored, SmokeRunner runner, Binfmt binfmt, ExecutorService layers)
            throws IOException, InterruptedException {
        Optional<PlatformImage> variant = image.variants().get(p);
        if (variant.isEmpty()) {
            return PlatformReport.of(p, policy.apply(List.of(PlatformAudit.missing(p, image.offered()))), List.of());
        }
        List<Finding> findings = new ArrayList<>(PlatformAudit.labels(variant.get()));
        MergedFilesystem fs = ImageResolver.filesystem(source, variant.get(), layers);
        findings.addAll(PlatformAudit.files(variant.get(), fs, ignored));
        SmokeRun.Outcome smoke = SmokeRun.platform(runner, binfmt, spec, image, pinned, p, () -> new FilesystemPrograms(fs));
        findings.addAll(smoke.findings());
        return PlatformReport.of(p, policy.apply(findings), smoke.results());
    }

    private static List<Finding> lint(GateSpec spec) {
        var file = spec.build().dockerfileOrDefault();
        try {
            // Named as the user would open it: relative to the working directory when it lies below it.
            var cwd = java.nio.file.Path.of("").toAbsolutePath();
            var absolute = file.toAbsolutePath().normalize();
            String shown = absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
            return DockerfileLinter.lint(Dockerfile.parse(shown, Files.readString(file)), spec.platforms());
        } catch (IOException e) {
            throw new GateException("cannot read the Dockerfile " + file + ": give build.dockerfile (or --file) the path of yours",
                    GateException.Kind.USAGE, e);
        }
    }

    private static boolean containerdStore(DockerClient docker) {
        var info = docker.infoCmd().exec();
        return info.getDriverStatuses() != null && info.getDriverStatuses().stream()
                .anyMatch(s -> s.size() > 1 && String.valueOf(s.get(1)).contains("io.containerd.snapshotter"));
    }

    private static void promote(GateSpec spec, Report report, String pinned, GateListener listener) throws InterruptedException {
        if (spec.promote().isEmpty()) {
            return;
        }
        if (report.verdict() != Verdict.PASS) {
            listener.log("not promoting to " + String.join(", ", spec.promote()) + ": the gate did not pass");
            return;
        }
        if (!pinned.contains("@sha256:")) {
            throw new GateException("promotion copies the tested image inside a registry, but " + pinned + " is only in the local engine: "
                    + "set build.push with tags", GateException.Kind.USAGE, null);
        }
        PromotionResult result = new Promoter(DOCKER).promote(pinned, spec.promote(), listener::log);
        if (!result.succeeded()) {
            throw new GateException("the gate passed but promotion failed: " + result.failure(), GateException.Kind.ENVIRONMENT, null);
        }
        result.promoted().forEach(t -> listener.log("promoted " + pinned + " to " + t));
    }

    private static <T> T get(Future<T> f) throws InterruptedException, IOException {
        return Futures.get(f);
    }
}
