package dev.archgate.gate;

import dev.archgate.audit.PathGlobs;
import dev.archgate.image.ImageException;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.ImageSource;
import dev.archgate.image.ResolvedImage;
import dev.archgate.lint.Dockerfile;
import dev.archgate.lint.DockerfileLinter;
import dev.archgate.platform.Platform;
import dev.archgate.report.PlatformReport;
import dev.archgate.report.Report;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SpecException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The engine's entry points for the adapters: each wires the stages a command needs. */
public final class Gate {
    private Gate() {}

    /** Lints one Dockerfile; the report has image-wide findings and no platforms checked. */
    public static Report lint(Path dockerfile, List<Platform> platforms) {
        String text;
        try {
            text = Files.readString(dockerfile);
        } catch (NoSuchFileException e) {
            throw new SpecException("Dockerfile " + dockerfile + " does not exist: give the path of the Dockerfile to lint");
        } catch (IOException e) {
            throw new SpecException("cannot read Dockerfile " + dockerfile + ": " + e.getMessage());
        }
        Dockerfile parsed = Dockerfile.parse(dockerfile.toString(), text);
        return Report.linted(dockerfile.toString(), DockerfileLinter.lint(parsed, platforms));
    }

    /**
     * The static audit of {@code spec.image()} for every platform of the spec: nothing runs.
     *
     * @throws GateException when the image cannot be read at all (one sentence, usage or environment)
     */
    public static Report audit(GateSpec spec, GateListener listener) throws InterruptedException {
        if (spec.image() == null) {
            throw new SpecException("audit needs an image reference, not a build");
        }
        Policy policy = new Policy(spec.checkLevels());
        PathGlobs ignored = new PathGlobs(spec.ignorePaths());
        int cores = Runtime.getRuntime().availableProcessors();
        ExecutorService platforms = Executors.newFixedThreadPool(Math.min(spec.platforms().size(), cores + 1));
        ExecutorService layers = Executors.newFixedThreadPool(cores);
        try (ImageSource source = ImageSources.open(spec.image(), new HashSet<>(spec.insecureRegistries()), DockerClients::fromEnvironment)) {
            listener.log("resolving " + spec.image());
            ResolvedImage image = ImageResolver.resolve(source, spec.platforms());
            List<Future<PlatformReport>> running = new ArrayList<>();
            for (Platform p : spec.platforms()) {
                running.add(platforms.submit(() -> {
                    listener.platformStarted(p);
                    PlatformReport r = AuditRun.report(p, policy.apply(AuditRun.platform(source, image, p, ignored, layers)));
                    listener.platformFinished(r);
                    return r;
                }));
            }
            List<PlatformReport> reports = new ArrayList<>();
            for (Future<PlatformReport> f : running) {
                reports.add(get(f));
            }
            return Report.of(spec.image(), image.digest(), reports);
        } catch (ImageException e) {
            throw ImageSources.translate(e);
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        } catch (IOException e) {
            throw new GateException("cannot read " + spec.image() + " (" + e.getMessage() + ")", GateException.Kind.ENVIRONMENT, e);
        } finally {
            platforms.shutdownNow();
            layers.shutdownNow();
        }
    }

    private static <T> T get(Future<T> f) throws InterruptedException, IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageException ie) {
                throw ie;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
