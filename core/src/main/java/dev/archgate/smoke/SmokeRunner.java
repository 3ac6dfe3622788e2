package dev.archgate.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import dev.archgate.findings.Check;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.QemuBinaries;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SmokeTest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs smoke tests as containers through the Engine API ({@link SmokeContainers}: hardened and
 * labelled), strict runs through this machine's QEMU ({@link StrictQemu}), and removes every
 * container it created on every path: normal end, failure, timeout, interrupt, and a stop of the
 * process ({@link #stop}, which the adapter that owns the process calls). What the engine's
 * faults make of a run is {@link EngineErrors}'; what a container's end makes of it, {@link Classifier}'s.
 */
public final class SmokeRunner {
    private static final int MAX_OUTPUT = 64 * 1024;
    /**
     * How often a run under QEMU looks for QEMU stuck dying ({@link DyingEmulator}) while it waits: the
     * engine's top took 88 to 151 ms here (Docker 26.1.5, ten calls), so a look every 2 s costs the engine
     * little and ends a dead program's run within 2 s instead of at its timeout (60 s by default).
     */
    private static final long LOOK_EVERY_MS = 2000;

    private final SmokeContainers containers;
    private final StrictQemu qemu;
    private final Speculations speculated;
    /** Set when the process is stopped (SIGINT, SIGTERM): engine errors after that come from the removal under way. */
    private volatile boolean stopping;

    /** @param qemu this machine's QEMU binaries, which strict runs copy into their containers */
    public SmokeRunner(DockerClient docker, Labels labels, QemuBinaries qemu) {
        this(docker, labels, qemu, null);
    }

    /**
     * @param dockerConfig the docker client's config.json whose logins the engine's pulls carry
     *     (the Engine API takes credentials per request), null for pulls without a login
     */
    public SmokeRunner(DockerClient docker, Labels labels, QemuBinaries qemu, Path dockerConfig) {
        this.containers = new SmokeContainers(docker, labels, dockerConfig);
        this.qemu = new StrictQemu(qemu);
        this.speculated = new Speculations(containers);
    }

    /**
     * Runs one test of one platform's variant.
     *
     * @return the result; a fault of the engine (not of the image) is an {@code engine.failed} result, never a failure of the image
     * @throws InterruptedException when the run is interrupted or archgate is stopping; its container is removed
     */
    public SmokeResult run(SmokeRequest request) throws InterruptedException {
        long start = System.nanoTime();
        String[] created = new String[1];
        SmokeResult result;
        String removalFault = null;
        try {
            result = attempt(created, request, start);
        } finally {
            if (created[0] != null) {
                boolean interrupted = Thread.interrupted(); // removal must happen even on interrupt
                removalFault = containers.remove(created[0]);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (removalFault != null && !result.outcome().is(Check.ENGINE_FAILED)) {
            // A container's end is trusted only from an engine that still answers after it: an engine
            // that stops mid-run ends its containers too, with whatever status their programs choose.
            stopIfInterrupted();
            return EngineErrors.engineFailed(request.test().name(), "removing the container: " + removalFault, ms(start));
        }
        return result;
    }

    private SmokeResult attempt(String[] created, SmokeRequest request, long start) throws InterruptedException {
        String image = request.image();
        Platform platform = request.platform();
        SmokeTest test = request.test();
        String cpuModel = request.execution().cpuModel();
        try {
            Launch launch = request.execution().strict()
                    ? StrictLaunch.plan(request.chain(), platform, request.execution().nativeCode(), request.argv())
                    : Launch.asImageSays(request.argv(), !request.chain().missesItsCommand());
            if (launch.unresolved() != null) {
                return new SmokeResult(test.name(), null, SmokeOutcome.failedBy(Check.SMOKE_UNRESOLVED), ms(start), launch.unresolved());
            }
            if (launch.verdict() != null) {
                return Classifier.classify(test, new ContainerResult(null, "", "", false, false, false, launch.verdict(), true, ms(start)));
            }
            if (launch.throughQemu()) {
                Optional<String> missing = qemu.problem(platform);
                if (missing.isPresent()) {
                    return new SmokeResult(test.name(), null, SmokeOutcome.failedBy(Check.EMULATION_MISSING), ms(start), missing.get());
                }
            }
            List<String> env = launch.throughQemu() && cpuModel != null ? List.of("QEMU_CPU=" + cpuModel) : List.of();
            // Made and started while the layers were read, for exactly this launch, QEMU in it; else made now.
            StartedContainer started = speculated.take(new Speculations.Key(image, platform, launch, env));
            ContainerResult refused = null;
            if (started != null) {
                created[0] = started.id();
            } else {
                created[0] = containers.create(image, platform, launch, env);
                if (launch.throughQemu()) {
                    qemu.copyInto(containers.docker(), created[0], platform);
                }
                try {
                    started = start(created[0]);
                } catch (DockerException e) {
                    refused = refusedStart(e, launch.entrypointExists(), start);
                }
            }
            // Its name costs a QEMU process of its own (once per platform): asked while the container runs.
            boolean emulated = launch.throughQemu() || !request.execution().nativeCode(); // strict, or binfmt_misc's QEMU
            String emulator = launch.throughQemu() ? qemu.describe(platform, cpuModel) : null;
            ContainerResult ended = refused != null ? refused : watchToEnd(started, test, launch.entrypointExists(), emulated, start);
            SmokeResult result = Classifier.classify(test, ended, emulator);
            return emulator == null ? result : result.emulatedBy(emulator);
        } catch (EngineFault e) {
            return EngineErrors.engineFailed(test.name(), e, ms(start));
        } catch (DockerException | DockerClientException e) {
            stopIfInterrupted();
            return EngineErrors.refused(test, image, e.getMessage(), ms(start));
        } catch (IOException | RuntimeException e) {
            stopIfInterrupted();
            String transport = EngineErrors.transport(e);
            if (transport == null) {
                throw (RuntimeException) e; // not the engine's transport: an archgate bug, reported as one
            }
            return EngineErrors.engineFailed(test.name(), transport, ms(start));
        }
    }

    /**
     * Creates and starts, before the variant's layers are read, the container a strict run of
     * {@code argv} under {@code platform}'s QEMU starts when the program chain is the plain one
     * (argv[0] an absolute path to a program of the platform, as most images' entrypoints are): the
     * engine pulls the variant, QEMU is copied in and the program runs while archgate reads the same
     * layers. The next {@link #run} of the variant takes it, and watches it to its end, when the
     * launch it resolves from the layers is exactly this one (the same container, so the same
     * verdict), and removes it otherwise, running or not. A failure here only means the run makes
     * its own container, and meets (and reports) the same fault itself.
     */
    public void speculate(String image, Platform platform, List<String> argv, String cpuModel) {
        if (argv.isEmpty() || !argv.get(0).startsWith("/") || qemu.problem(platform).isPresent()) {
            return;
        }
        Launch launch = Launch.throughQemu(StrictLaunch.QEMU_PATH, argv);
        List<String> env = cpuModel != null ? List.of("QEMU_CPU=" + cpuModel) : List.of();
        String id = null;
        try {
            id = containers.create(image, platform, launch, env);
            qemu.copyInto(containers.docker(), id, platform);
            speculated.put(new Speculations.Key(image, platform, launch, env), start(id));
        } catch (EngineFault | IOException | RuntimeException e) {
            if (id != null) {
                containers.remove(id);
            }
        } catch (InterruptedException e) {
            if (id != null) {
                containers.remove(id);
            }
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the containers {@link #speculate} made for {@code platform}'s variant that no run took. */
    public void discardSpeculation(String image, Platform platform) {
        speculated.discard(image, platform);
    }

    /** Why strict emulation of {@code platform} cannot start here (see {@link QemuBinaries#problem}); empty when it can. */
    public Optional<String> emulatorProblem(Platform platform) {
        return qemu.problem(platform);
    }

    /**
     * Makes the tar header of the QEMU binary strict runs of {@code platform} copy into their
     * containers, ahead of the first of them (the gate does it while the image is still being
     * read). A QEMU that cannot be read is left for the run to report.
     */
    public void prepareQemu(Platform platform) {
        qemu.prepare(platform);
    }

    /** An engine error seen while this run is being stopped is the stop, not a verdict on the image. */
    private void stopIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || stopping) {
            throw new InterruptedException("the smoke run was stopped");
        }
    }

    /** Removes leftovers of earlier runs from this runner's engine (see {@link Labels#sweep}); returns how many. */
    public int sweep() {
        return containers.sweep();
    }

    /** Starts the container and follows it from its start. */
    private StartedContainer start(String id) {
        containers.start(id);
        return new StartedContainer(id, System.nanoTime(), ContainerWatch.follow(containers.docker(), id, MAX_OUTPUT));
    }

    /** A start the runtime refused for the image's own fault (its process cannot be executed) is that fault's end; any other, the engine's. */
    private ContainerResult refusedStart(DockerException e, boolean entrypointExists, long runStart) throws InterruptedException, EngineFault {
        stopIfInterrupted();
        String why = EngineErrors.said(e.getMessage());
        if (!Classifier.namesImageFault(why) && !why.contains("OCI runtime")) {
            throw new EngineFault("starting the container: " + why);
        }
        return new ContainerResult(null, "", "", false, false, false, why, entrypointExists, ms(runStart));
    }

    /** Waits for the started container's end, its time limit counted from its start; kills it when the limit is up. */
    private ContainerResult watchToEnd(StartedContainer started, SmokeTest test, boolean entrypointExists, boolean emulated, long runStart)
            throws InterruptedException, EngineFault {
        String id = started.id();
        boolean service = test.mode() != SmokeTest.Mode.COMMAND;
        long limitMs = Math.max(0, (service ? test.ready().toMillis() : test.timeout().toMillis()) - ms(started.startNanos()));
        try (ContainerWatch watch = started.watch()) {
            ContainerWatch.End end = !emulated ? watch.await(limitMs) : watch.await(limitMs, LOOK_EVERY_MS, () -> {
                try {
                    return containers.dyingOf(id);
                } catch (EngineFault e) {
                    stopIfInterrupted(); // the container went with the stop
                    throw e;
                }
            });
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while waiting for a smoke container");
            }
            if (end == ContainerWatch.End.BROKEN) {
                // Never "still running": that would let a service pass before its ready time.
                stopIfInterrupted();
                throw new EngineFault("waiting for the container: " + watch.failure());
            }

            int dyingOf = end == ContainerWatch.End.EMULATOR_DIED ? watch.dyingOf() : 0;
            Integer exited = watch.exitCode(); // read before the kill, whose own status would follow
            if (exited == null) {
                containers.kill(id); // still running, or its guest died and QEMU hangs: either way it is done
            }
            // QEMU dying of S as PID 1 is the program dying of S: the status it would have exited with elsewhere.
            Integer exit = dyingOf != 0 ? Integer.valueOf(128 + dyingOf) : exited;
            boolean running = end == ContainerWatch.End.TIME_UP && exit == null;
            // Only the engine's state tells the OOM killer's work, at a round trip's cost; a program that
            // exited 0 was not ended by it, so that (the common, passing) case is not asked, and the removal
            // that follows proves the engine still answered after the exit. Any other end is asked: the
            // killed process may be a child, after which the program exits as it chooses, or still runs.
            boolean oom = (exit == null || exit != 0) && containers.oomKilled(id);
            String[] output = watch.output();
            return new ContainerResult(exit, output[0], output[1], oom, running && !service, running && service, null,
                    entrypointExists, ms(runStart), dyingOf);
        } catch (DockerException e) {
            stopIfInterrupted();
            throw new EngineFault("reading the container's state: " + EngineErrors.said(e.getMessage()));
        }
    }

    /** The process is being stopped: removes every container of this runner now, and runs still under way stop. */
    public void stop() {
        stopping = true;
        containers.removeAll();
    }

    private static long ms(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** Containers made ahead of their run that no run took yet, for tests. */
    public int speculations() {
        return speculated.size();
    }

    /** Containers of this run still alive, for tests. */
    public int liveContainers() {
        return containers.alive();
    }
}
