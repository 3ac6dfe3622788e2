package dev.archgate.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.google.cloud.tools.jib.api.Credential;
import dev.archgate.host.QemuBinaries;
import dev.archgate.host.QemuTar;
import dev.archgate.image.ImageException;
import dev.archgate.image.ImageReference;
import dev.archgate.image.RegistryCredentials;
import dev.archgate.image.TransportFaults;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.SmokeOutcome;
import dev.archgate.report.SmokeResult;
import dev.archgate.spec.SmokeTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Runs smoke tests as containers through the Engine API, hardened (no network, no capabilities,
 * no new privileges, memory and pids limits) and labelled, and removes every container it
 * created on every path: normal end, failure, timeout, interrupt, and a stop of the process
 * ({@link #stop}, which the adapter that owns the process calls).
 */
public final class SmokeRunner {
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final long MEMORY = 512L * 1024 * 1024;
    private static final long PIDS = 256;

    private final DockerClient docker;
    private final Labels labels;
    private final QemuBinaries qemu;
    private final Path dockerConfig;
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    /** Containers made ahead of their run ({@link #speculate}), by the launch they were made for. */
    private final Map<Speculated, String> speculated = new ConcurrentHashMap<>();
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
        this.docker = docker;
        this.labels = labels;
        this.qemu = qemu;
        this.dockerConfig = dockerConfig;
    }

    /**
     * Runs one test of one platform's variant.
     *
     * @return the result; a fault of the engine (not of the image) is an {@code engine.failed} result, never a failure of the image
     * @throws InterruptedException when the run is interrupted or archgate is stopping; its container is removed
     */
    public SmokeResult run(SmokeRequest request) throws InterruptedException {
        SmokeTest test = request.test();
        long start = System.nanoTime();
        String[] created = new String[1];
        SmokeResult result;
        String removalFault = null;
        try {
            result = attempt(created, request, start);
        } finally {
            if (created[0] != null) {
                boolean interrupted = Thread.interrupted(); // removal must happen even on interrupt
                removalFault = remove(created[0]);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (removalFault != null && !result.outcome().is(Check.ENGINE_FAILED)) {
            // A container's end is trusted only from an engine that still answers after it: an engine
            // that stops mid-run ends its containers too, with whatever status their programs choose.
            stopIfInterrupted();
            return engineFailed(test, "removing the container: " + removalFault, start);
        }
        return result;
    }

    private SmokeResult attempt(String[] created, SmokeRequest request, long start) throws InterruptedException {
        String image = request.image();
        Platform platform = request.platform();
        SmokeTest test = request.test();
        String cpuModel = request.execution().cpuModel();
        String id;
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
                Optional<String> missing = emulatorProblem(platform);
                if (missing.isPresent()) {
                    return new SmokeResult(test.name(), null, SmokeOutcome.failedBy(Check.EMULATION_MISSING), ms(start), missing.get());
                }
            }
            List<String> env = launch.throughQemu() && cpuModel != null ? List.of("QEMU_CPU=" + cpuModel) : List.of();
            String ready = speculated.remove(new Speculated(image, platform, launch, env));
            discardSpeculation(image, platform); // made for another launch: no run takes it
            if (ready != null) {
                id = ready; // made while the layers were read, for exactly this launch, QEMU in it
                created[0] = id;
            } else {
                id = create(image, platform, launch, env);
                created[0] = id;
                if (launch.throughQemu()) {
                    copyQemu(id, platform);
                }
            }
            String emulator = launch.throughQemu() ? qemu.version(platform) + (cpuModel != null ? ", -cpu " + cpuModel : "") : null;
            SmokeResult result = Classifier.classify(test, startAndWait(id, test, launch.entrypointExists(), start), emulator);
            return emulator == null ? result : result.emulatedBy(emulator);
        } catch (EngineFault e) {
            return engineFailed(test, e.getMessage(), start);
        } catch (DockerException | DockerClientException e) {
            stopIfInterrupted();
            String said = EngineErrors.said(e.getMessage());
            ContainerResult refused = new ContainerResult(null, "", "", false, false, false, said, true, ms(start));
            // The engine's words name a fault of the image (no such platform, exec format), a registry
            // that refused the pull, or a fault of the engine itself.
            if (Classifier.namesImageFault(refused.output())) {
                return Classifier.classify(test, refused);
            }
            return EngineErrors.deniedPull(said, image)
                    .map(denied -> new SmokeResult(test.name(), null, SmokeOutcome.failedBy(Check.ENGINE_FAILED), ms(start), denied))
                    .orElseGet(() -> engineFailed(test, said, start));
        } catch (IOException | RuntimeException e) {
            stopIfInterrupted();
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof IOException)) {
                root = root.getCause();
            }
            if (!(root instanceof IOException)) {
                throw (RuntimeException) e; // not the engine's transport: an archgate bug, reported as one
            }
            return engineFailed(test, TransportFaults.describe(root), start);
        }
    }

    /**
     * Creates, before the variant's layers are read, the container a strict run of {@code argv}
     * under {@code platform}'s QEMU starts when the program chain is the plain one (argv[0] an
     * absolute path to a program of the platform, as most images' entrypoints are): the engine
     * pulls the variant and QEMU is copied in while archgate reads the same layers. The next
     * {@link #run} of the variant takes it when the launch it resolves from the layers is exactly
     * this one, and removes it otherwise. A failure here only means the run makes its
     * own container, and meets (and reports) the same fault itself.
     */
    public void speculate(String image, Platform platform, List<String> argv, String cpuModel) {
        if (argv.isEmpty() || !argv.get(0).startsWith("/") || emulatorProblem(platform).isPresent()) {
            return;
        }
        Launch launch = Launch.throughQemu(StrictLaunch.QEMU_PATH, argv);
        List<String> env = cpuModel != null ? List.of("QEMU_CPU=" + cpuModel) : List.of();
        String id = null;
        try {
            id = create(image, platform, launch, env);
            copyQemu(id, platform);
            speculated.put(new Speculated(image, platform, launch, env), id);
        } catch (EngineFault | IOException | RuntimeException e) {
            if (id != null) {
                remove(id);
            }
        } catch (InterruptedException e) {
            if (id != null) {
                remove(id);
            }
            Thread.currentThread().interrupt();
        }
    }

    /** Removes the containers {@link #speculate} made for {@code platform}'s variant that no run took. */
    public void discardSpeculation(String image, Platform platform) {
        speculated.entrySet().removeIf(e -> {
            if (e.getKey().image().equals(image) && e.getKey().platform().equals(platform)) {
                remove(e.getValue());
                return true;
            }
            return false;
        });
    }

    /** What a container made ahead of its run was made for. */
    private record Speculated(String image, Platform platform, Launch launch, List<String> env) {}

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
        try {
            qemu.tar(platform, StrictLaunch.QEMU_PATH.substring(1));
        } catch (IOException e) {
            // the run that needs it reports it, as emulation.missing or engine.failed
        }
    }

    private SmokeResult engineFailed(String testName, String cause, long start) {
        return new SmokeResult(testName, null, SmokeOutcome.failedBy(Check.ENGINE_FAILED), ms(start), "the Docker Engine failed during the smoke run ("
                + cause + "): check that dockerd is running and healthy (its log says why), then run again");
    }

    private SmokeResult engineFailed(SmokeTest test, String cause, long start) {
        return engineFailed(test.name(), cause, start);
    }

    /** An engine error seen while this run is being stopped is the stop, not a verdict on the image. */
    private void stopIfInterrupted() throws InterruptedException {
        if (Thread.currentThread().isInterrupted() || stopping) {
            throw new InterruptedException("the smoke run was stopped");
        }
    }

    private String create(String image, Platform platform, Launch launch, List<String> env) throws InterruptedException, EngineFault {
        try {
            return createOnce(image, platform, launch, env);
        } catch (NotFoundException | com.github.dockerjava.api.exception.ConflictException e) {
            pull(image, platform);
            return createOnce(image, platform, launch, env);
        }
    }

    private String createOnce(String image, Platform platform, Launch launch, List<String> env) {
        HostConfig host = HostConfig.newHostConfig()
                .withNetworkMode("none")
                .withCapDrop(Capability.ALL)
                .withSecurityOpts(List.of("no-new-privileges"))
                .withMemory(MEMORY)
                .withMemorySwap(MEMORY)
                .withPidsLimit(PIDS);
        var cmd = docker.createContainerCmd(image).withPlatform(platform.toString()).withHostConfig(host)
                .withLabels(labels.forContainer()).withNetworkDisabled(true);
        if (launch.entrypoint() != null) {
            cmd.withEntrypoint(launch.entrypoint()).withCmd(launch.cmd());
        }
        if (!env.isEmpty()) {
            cmd.withEnv(env);
        }
        CreateContainerResponse r = cmd.exec();
        live.add(r.getId());
        return r.getId();
    }

    /**
     * Pulls with the login the docker client would use for the image's registry (auths, credsStore
     * or credHelpers of its config), handed to the engine explicitly: docker-java's own config
     * reader takes only auths, and an engine pull carries no credentials of its own.
     */
    private void pull(String image, Platform platform) throws InterruptedException, EngineFault {
        var cmd = docker.pullImageCmd(image).withPlatform(platform.toString());
        if (dockerConfig != null) {
            ImageReference ref = ImageReference.parse(image);
            try {
                RegistryCredentials.find(ref.registry(), ref.repository(), dockerConfig).ifPresent(c -> cmd.withAuthConfig(auth(ref.registry(), c)));
            } catch (ImageException e) {
                throw new EngineFault(e.getMessage()); // a credential helper that failed: its sentence names the fix
            }
        }
        cmd.exec(new PullImageResultCallback()).awaitCompletion(10, TimeUnit.MINUTES);
    }

    private static AuthConfig auth(String registry, Credential c) {
        AuthConfig auth = new AuthConfig().withRegistryAddress(registry.equals(ImageReference.DOCKER_HUB) ? "https://index.docker.io/v1/" : registry);
        // A helper's "<token>" user means an identity token, as docker/cli's credentials store has it.
        return "<token>".equals(c.getUsername()) ? auth.withIdentityToken(c.getPassword())
                : auth.withUsername(c.getUsername()).withPassword(c.getPassword());
    }

    private void copyQemu(String id, Platform platform) throws IOException, EngineFault {
        QemuTar tar;
        try {
            tar = qemu.tar(platform, StrictLaunch.QEMU_PATH.substring(1));
        } catch (IOException e) {
            throw new EngineFault("cannot read " + platform.qemuArch() + "'s QEMU on this host (" + e.getMessage() + ")");
        }
        try (InputStream in = tar.open()) {
            docker.copyArchiveToContainerCmd(id).withTarInputStream(in).withRemotePath("/").exec();
        }
    }

    /** Removes leftovers of earlier runs from this runner's engine (see {@link Labels#sweep}); returns how many. */
    public int sweep() {
        return labels.sweep(docker);
    }

    private ContainerResult startAndWait(String id, SmokeTest test, boolean entrypointExists, long start)
            throws InterruptedException, EngineFault {
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            stopIfInterrupted();
            String why = EngineErrors.said(e.getMessage());
            // The runtime's own failure to start the image's process is the image's; anything else is the engine's.
            if (!Classifier.namesImageFault(why) && !why.contains("OCI runtime")) {
                throw new EngineFault("starting the container: " + why);
            }
            return new ContainerResult(null, "", "", false, false, false, why, entrypointExists, ms(start));
        }

        boolean service = test.mode() != SmokeTest.Mode.COMMAND;
        long limitMs = service ? test.ready().toMillis() : test.timeout().toMillis();
        try (ContainerWatch watch = ContainerWatch.follow(docker, id, MAX_OUTPUT)) {
            ContainerWatch.End end = watch.await(limitMs);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while waiting for a smoke container");
            }
            if (end == ContainerWatch.End.BROKEN) {
                // Never "still running": that would let a service pass before its ready time.
                stopIfInterrupted();
                throw new EngineFault("waiting for the container: " + watch.failure());
            }

            Integer exit = watch.exitCode();
            if (exit == null) {
                kill(id); // still running, or its guest died and QEMU hangs: either way it is done
            }
            boolean running = end == ContainerWatch.End.TIME_UP && exit == null;
            boolean oom = oomKilled(id, exit);
            String[] output = watch.output();
            return new ContainerResult(exit, output[0], output[1], oom, running && !service, running && service, null,
                    entrypointExists, ms(start));
        } catch (DockerException e) {
            stopIfInterrupted();
            throw new EngineFault("reading the container's state: " + EngineErrors.said(e.getMessage()));
        }
    }

    /**
     * Whether the kernel's OOM killer struck in the container. Only the engine's state says so,
     * which costs a round trip; a program that exited 0 was not ended by it, so that (the common,
     * passing) case is not asked, and the removal that follows proves the engine still answered
     * after the exit. Any other end is asked: the killed process may be a child, after which the
     * program exits with whatever status it chooses, or still runs.
     */
    private boolean oomKilled(String id, Integer exit) {
        if (exit != null && exit == 0) {
            return false;
        }
        InspectContainerResponse state = docker.inspectContainerCmd(id).exec();
        return Boolean.TRUE.equals(state.getState().getOOMKilled());
    }

    private void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (com.github.dockerjava.api.exception.ConflictException | NotFoundException e) {
            // it exited meanwhile
        }
    }

    /** Removes a container of this run; returns null when it is gone, else the engine's fault (the next run's sweep finds it by label). */
    private String remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            return null;
        } catch (NotFoundException e) {
            return null; // already gone
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root == e ? EngineErrors.said(e.getMessage()) : TransportFaults.describe(root);
        } finally {
            live.remove(id);
        }
    }

    /** The process is being stopped: removes every container of this runner now, and runs still under way stop. */
    public void stop() {
        stopping = true;
        new ArrayList<>(live).forEach(id -> remove(id));
    }

    private static long ms(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** A fault of the engine, not of the image: the sentence says what archgate was doing when it failed. */
    private static final class EngineFault extends Exception {
        private static final long serialVersionUID = 1L;

        EngineFault(String message) {
            super(message);
        }
    }

    /** Containers made ahead of their run that no run took yet, for tests. */
    public int speculations() {
        return speculated.size();
    }

    /** Containers of this run still alive, for tests. */
    public int liveContainers() {
        return live.size();
    }
}
