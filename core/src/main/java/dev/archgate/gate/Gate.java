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
     * The whole gate: lint and build (for a build spec), then audit and smoke every platform,
     * decide, and promote on a pass. Blocks until the report is ready.
     *
     * @throws GateException when the run could not start or finish (one sentence, usage or environment)
     */
    public static Report run(GateSpec spec, GateListener listener) throws InterruptedException {
        return start(spec, listener).await();
    }

    /** The whole gate on a thread of its own, so an adapter can cancel it. */
    public static GateRun start(GateSpec spec, GateListener listener) {
        ExecutorService one = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "archgate-gate");
            t.setDaemon(true);
            return t;
        });
        try {
            return new GateRun(one.submit(() -> FullGate.run(spec, listener)));
        } finally {
            one.shutdown();
        }
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
                reports.add(Futures.get(f));
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

    /**
     * Smoke tests of {@code spec.image()} on every platform of the spec, in parallel, strict
     * emulation as the spec says; platforms the host cannot emulate are errors, never passes.
     */
    public static Report smoke(GateSpec spec, GateListener listener) throws InterruptedException {
        if (spec.image() == null) {
            throw new SpecException("smoke needs an image reference, not a build");
        }
        if (spec.image().startsWith("oci:") || spec.image().startsWith("oci-archive:")) {
            throw new SpecException("smoke tests run containers, so the image must be in a registry or the Docker Engine: push or load "
                    + spec.image() + " first");
        }
        var docker = Engine.connect();
        var runner = Engine.runner(docker);
        // Smoke runs mostly wait on the engine and on QEMU, so every platform gets its own thread
        // (bounded, for gates of many platforms).
        ExecutorService platforms = Executors.newFixedThreadPool(Math.min(spec.platforms().size(), Engine.MAX_PARALLEL));
        ExecutorService layers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (ImageSource source = ImageSources.open(spec.image(), new HashSet<>(spec.insecureRegistries()), () -> docker)) {
            ResolvedImage image = ImageResolver.resolve(source, spec.platforms());
            String pinned = Engine.pinned(spec.image(), image);
            Policy policy = new Policy(spec.checkLevels());
            List<Future<PlatformReport>> running = new ArrayList<>();
            for (Platform p : spec.platforms()) {
                running.add(platforms.submit(() -> {
                    listener.platformStarted(p);
                    SmokeRun.Outcome o = SmokeRun.platform(runner, dev.archgate.emulation.Binfmt.host(), spec, image, pinned, p,
                            () -> new FilesystemPrograms(ImageResolver.filesystem(source, image.variants().get(p).orElseThrow(), layers)));
                    PlatformReport r = PlatformReport.of(p, policy.apply(o.findings()), o.results());
                    listener.platformFinished(r);
                    return r;
                }));
            }
            List<PlatformReport> reports = new ArrayList<>();
            for (Future<PlatformReport> f : running) {
                reports.add(Futures.get(f));
            }
            return Report.of(spec.image(), image.digest(), reports);
        } catch (ImageException e) {
            throw ImageSources.translate(e);
        } catch (InterruptedIOException e) {
            throw new InterruptedException(e.getMessage());
        } catch (IOException e) {
            throw new GateException("cannot read " + spec.image() + " (" + e.getMessage() + ")", GateException.Kind.ENVIRONMENT, e);
        } finally {
            layers.shutdownNow();
            platforms.shutdownNow();
            if (!platforms.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
                listener.log("some smoke containers did not stop within 30 s; the next run sweeps them");
            }
        }
    }

    /**
     * What binfmt_misc says for each platform, proven by running archgate's probe program in a
     * container of that platform: a handler that is listed but does not run code is an error.
     */
    public static Report qemuStatus(List<Platform> platforms) throws InterruptedException {
        return Emulation.check(platforms, List.of());
    }

    /** Registers or enables the handlers of the platforms, then proves each with the probe. */
    public static Report qemuInstall(List<Platform> platforms, GateListener listener) throws InterruptedException {
        List<String> done;
        try {
            done = dev.archgate.emulation.Binfmt.host().install(platforms);
        } catch (IOException e) {
            throw new GateException("cannot register the QEMU handlers (" + e.getMessage() + "): run as root on the Docker host, "
                    + "or with --privileged beside it", GateException.Kind.ENVIRONMENT, e);
        }
        done.forEach(listener::log);
        return Emulation.check(platforms, done);
    }
}
