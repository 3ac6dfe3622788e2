package dev.archgate.gate;

import dev.archgate.emulation.Binfmt;
import dev.archgate.emulation.EngineRegistrar;
import dev.archgate.lint.Dockerfile;
import dev.archgate.lint.DockerfileLinter;
import dev.archgate.platform.Platform;
import dev.archgate.report.Report;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
            return new GateRun(one.submit(() -> new GateFlow(spec, listener, Stages.ALL).run()), one);
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
        requireImage(spec, "audit");
        return new GateFlow(spec, listener, Stages.AUDIT).run();
    }

    /**
     * Smoke tests of {@code spec.image()} on every platform of the spec, in parallel, strict
     * emulation as the spec says; platforms the host cannot emulate are errors, never passes.
     */
    public static Report smoke(GateSpec spec, GateListener listener) throws InterruptedException {
        requireImage(spec, "smoke");
        return new GateFlow(spec, listener, Stages.SMOKE).run();
    }

    private static void requireImage(GateSpec spec, String command) {
        if (spec.image() == null) {
            throw new SpecException(command + " needs an image reference, not a build");
        }
    }

    /**
     * What binfmt_misc says for each platform, proven by running archgate's probe program in a
     * container of that platform: a handler that is listed but does not run code is an error.
     */
    public static Report qemuStatus(List<Platform> platforms) throws InterruptedException {
        return Emulation.check(platforms, List.of());
    }

    /**
     * Registers or enables the handlers of the platforms, then proves each with the probe. The
     * registration is written directly when this process may (root on the engine's host), else,
     * or when {@code throughEngine} asks for it, by a privileged container on the engine.
     */
    public static Report qemuInstall(List<Platform> platforms, boolean throughEngine, GateListener listener) throws InterruptedException {
        List<String> done;
        Binfmt binfmt = Binfmt.host();
        try {
            if (throughEngine) {
                done = new EngineRegistrar(binfmt).install(Engine.connect(), platforms);
            } else {
                try {
                    done = binfmt.install(platforms);
                } catch (IOException direct) {
                    listener.log("cannot register directly (" + direct.getMessage() + "); registering through a privileged container");
                    done = new EngineRegistrar(binfmt).install(Engine.connect(), platforms);
                }
            }
        } catch (IOException e) {
            throw new GateException("cannot register the QEMU handlers (" + e.getMessage() + "): run as root on the Docker host, "
                    + "or let the engine run privileged containers", GateException.Kind.ENVIRONMENT, e);
        }
        done.forEach(listener::log);
        return Emulation.check(platforms, done);
    }
}
