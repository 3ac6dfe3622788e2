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
import com.google.cloud.tools.jib.api.Credential;
import com.github.dockerjava.api.model.HostConfig;
import dev.archgate.image.ImageException;
import dev.archgate.image.ImageReference;
import dev.archgate.image.ProgramChain;
import dev.archgate.image.RegistryCredentials;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.SmokeResult;
import dev.archgate.spec.SmokeTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
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
 * created on every path: normal end, failure, timeout, interrupt, and JVM shutdown.
 */
public final class SmokeRunner {
    private static final int MAX_OUTPUT = 64 * 1024;
    private static final long MEMORY = 512L * 1024 * 1024;
    private static final long PIDS = 256;

    private final DockerClient docker;
    private final Labels labels;
    private final Path qemuDir;
    private final Set<String> live = ConcurrentHashMap.newKeySet();
    private final Map<String, QemuTar> qemuTars = new ConcurrentHashMap<>();
    private final Map<String, String> cpuListings = new ConcurrentHashMap<>();
    /** Set when the JVM shuts down (SIGINT, SIGTERM): engine errors after that come from the removal under way. */
    private volatile boolean stopping;

    public SmokeRunner(DockerClient docker, Labels labels, Path qemuDir) {
        this.docker = docker;
        this.labels = labels;
        this.qemuDir = qemuDir;
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeAll, "archgate-cleanup"));
    }

    /**
     * Runs one test of one platform's variant of {@code image} (a reference the engine can pull).
     *
     * @param nativePlatform whether this platform's code is to run without QEMU (hardware of its
     *     architecture, when no CPU level is emulated for it)
     * @param cpuModel the QEMU CPU model a strict run emulates (the platform's baseline), null for QEMU's default
     * @param chain what the test's command executes, resolved from the variant's files
     * @return the result; a fault of the engine (not of the image) is an {@code engine.failed} result, never a failure of the image
     * @throws InterruptedException when the run is interrupted or archgate is stopping; its container is removed
     */
    public SmokeResult run(String image, Platform platform, boolean nativePlatform, String cpuModel, SmokeTest test, boolean strict,
                           ProgramChain chain, List<String> argv) throws InterruptedException {
        long start = System.nanoTime();
        String[] created = new String[1];
        SmokeResult result;
        String removalFault = null;
        try {
            result = attempt(created, image, platform, nativePlatform, cpuModel, test, strict, chain, argv, start);
        } finally {
            if (created[0] != null) {
                boolean interrupted = Thread.interrupted(); // removal must happen even on interrupt
                removalFault = remove(created[0]);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (removalFault != null && !Check.ENGINE_FAILED.id().equals(result.outcome())) {
            // A container's end is trusted only from an engine that still answers after it: an engine
            // that stops mid-run ends its containers too, with whatever status their programs choose.
            stopIfInterrupted();
            return engineFailed(test, "removing the container: " + removalFault, start);
        }
        return result;
    }

    private SmokeResult attempt(String[] created, String image, Platform platform, boolean nativePlatform, String cpuModel, SmokeTest test,
                                boolean strict, ProgramChain chain, List<String> argv, long start) throws InterruptedException {
        String id;
        try {
            Launch launch = strict ? StrictLaunch.plan(chain, platform, nativePlatform, argv)
                    : Launch.asImageSays(argv, !chain.missesItsCommand());
            if (launch.unresolved() != null) {
                return new SmokeResult(test.name(), null, Check.SMOKE_UNRESOLVED.id(), ms(start), launch.unresolved());
            }
            if (launch.verdict() != null) {
                return Classifier.classify(test, new ContainerResult(null, "", "", false, false, false, launch.verdict(), true, ms(start)));
            }
            if (launch.throughQemu()) {
                Optional<String> missing = emulatorProblem(platform);
                if (missing.isPresent()) {
                    return new SmokeResult(test.name(), null, Check.EMULATION_MISSING.id(), ms(start), missing.get());
                }
            }
            id = create(image, platform, launch, launch.throughQemu() && cpuModel != null ? List.of("QEMU_CPU=" + cpuModel) : List.of());
            created[0] = id;
            if (launch.throughQemu()) {
                copyQemu(id, platform);
            }
            return Classifier.classify(test, startAndWait(id, test, launch.entrypointExists(), start));
        } catch (EngineFault e) {
            return e.said ? new SmokeResult(test.name(), null, Check.ENGINE_FAILED.id(), ms(start), e.getMessage())
                    : engineFailed(test, e.getMessage(), start);
        } catch (DockerException | DockerClientException e) {
            stopIfInterrupted();
            ContainerResult refused = new ContainerResult(null, "", "", false, false, false, firstLine(e.getMessage()), true, ms(start));
            // The engine's words name a fault of the image (no such platform, exec format) or of the engine itself.
            return Classifier.namesImageFault(refused.output()) ? Classifier.classify(test, refused)
                    : engineFailed(test, firstLine(e.getMessage()), start);
        } catch (IOException | RuntimeException e) {
            stopIfInterrupted();
            Throwable root = e;
            while (root.getCause() != null && !(root instanceof IOException)) {
                root = root.getCause();
            }
            if (!(root instanceof IOException)) {
                throw (RuntimeException) e; // not the engine's transport: an archgate bug, reported as one
            }
            return engineFailed(test, root.getClass().getSimpleName() + ": " + root.getMessage(), start);
        }
    }

    /**
     * Why strict emulation of {@code platform} cannot start here: the QEMU binary it copies into
     * the container is not on this host. Empty when it is there.
     */
    public Optional<String> emulatorProblem(Platform platform) {
        Path qemu = qemuDir.resolve("qemu-" + platform.qemuArch() + "-static");
        if (Files.isRegularFile(qemu) && Files.isReadable(qemu)) {
            return Optional.empty();
        }
        return Optional.of("strict emulation of " + platform + " needs " + qemu + ", which this host does not have: install "
                + "qemu-user-static (apt-get install qemu-user-static), or set ARCHGATE_QEMU_DIR to the directory that holds it");
    }

    private SmokeResult engineFailed(String testName, String cause, long start) {
        return new SmokeResult(testName, null, Check.ENGINE_FAILED.id(), ms(start), "the Docker Engine failed during the smoke run ("
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

    /**
     * Why {@code model} cannot be emulated for {@code platform} by this host's QEMU, or empty: its
     * name (before any ",feature" switch) must be one that {@code qemu-<arch>-static -cpu help} lists.
     */
    public java.util.Optional<String> unknownCpuModel(Platform platform, String model) {
        Path qemu = qemuDir.resolve("qemu-" + platform.qemuArch() + "-static");
        String listing = cpuListings.computeIfAbsent(platform.qemuArch(), arch -> cpuHelp(qemu));
        String name = model.split(",", 2)[0];
        if (listing.isEmpty() || java.util.Arrays.asList(listing.split("\\s+")).contains(name)) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(qemu.getFileName() + " has no CPU model '" + name + "' for " + platform
                + ": give one that '" + qemu + " -cpu help' lists");
    }

    private static String cpuHelp(Path qemu) {
        try {
            Process p = new ProcessBuilder(qemu.toString(), "-cpu", "help").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return ""; // no QEMU: the run itself reports the missing emulation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
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
     * Pulls with the login the docker client would use for the image's registry, handed to the
     * engine explicitly (an engine pull carries no credentials of its own); a refusal is one
     * sentence naming the registry and the fix rather than the engine's words.
     */
    private void pull(String image, Platform platform) throws InterruptedException, EngineFault {
        var cmd = docker.pullImageCmd(image).withPlatform(platform.toString());
        ImageReference ref = ImageReference.parse(image);
        try {
            RegistryCredentials.find(ref.registry(), ref.repository(), RegistryCredentials.configFile(System.getenv("DOCKER_CONFIG")))
                    .ifPresent(c -> cmd.withAuthConfig(authConfig(ref.registry(), c)));
        } catch (ImageException e) {
            throw new EngineFault(e.getMessage(), true); // a credential helper that failed: its sentence names the fix
        }
        try {
            cmd.exec(new PullImageResultCallback()).awaitCompletion(10, TimeUnit.MINUTES);
        } catch (DockerException | DockerClientException e) {
            if (PullRefusal.matches(e.getMessage())) {
                throw new EngineFault(PullRefusal.sentence(ref.registry(), image), true);
            }
            throw e;
        }
    }

    private static AuthConfig authConfig(String registry, Credential c) {
        AuthConfig auth = new AuthConfig().withRegistryAddress(registry.equals(ImageReference.DOCKER_HUB)
                ? "https://index.docker.io/v1/" : registry);
        // A helper's "<token>" user means an identity token, as docker/cli's credentials store has it.
        return "<token>".equals(c.getUsername()) ? auth.withIdentityToken(c.getPassword())
                : auth.withUsername(c.getUsername()).withPassword(c.getPassword());
    }

    private void copyQemu(String id, Platform platform) throws IOException, EngineFault {
        QemuTar tar;
        try {
            tar = qemuTar(platform);
        } catch (IOException e) {
            throw new EngineFault("cannot read " + platform.qemuArch() + "'s QEMU on this host (" + e.getMessage() + ")");
        }
        try (InputStream in = tar.open()) {
            docker.copyArchiveToContainerCmd(id).withTarInputStream(in).withRemotePath("/").exec();
        }
    }

    /**
     * Makes the tar header of the QEMU binary strict runs of {@code platform} copy into their
     * containers, ahead of the first of them (the gate does it while the image is still being
     * read). A QEMU that cannot be read is left for the run to report.
     */
    public void prepareQemu(Platform platform) {
        try {
            qemuTar(platform);
        } catch (IOException e) {
            // the run that needs it reports it, as emulation.missing or engine.failed
        }
    }

    private QemuTar qemuTar(Platform platform) throws IOException {
        QemuTar made = qemuTars.get(platform.qemuArch());
        if (made == null) {
            made = QemuTar.of(qemuDir.resolve("qemu-" + platform.qemuArch() + "-static"), StrictLaunch.QEMU_PATH.substring(1));
            qemuTars.put(platform.qemuArch(), made);
        }
        return made;
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
            String why = firstLine(e.getMessage());
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
            throw new EngineFault("reading the container's state: " + firstLine(e.getMessage()));
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
            return root == e ? firstLine(e.getMessage()) : root.getClass().getSimpleName() + ": " + firstLine(root.getMessage());
        } finally {
            live.remove(id);
        }
    }

    private void removeAll() {
        stopping = true;
        new ArrayList<>(live).forEach(id -> remove(id));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "the Docker Engine refused";
        }
        String m = message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private static long ms(long startNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }

    /** A fault of the engine, not of the image: the sentence says what archgate was doing when it failed. */
    private static final class EngineFault extends Exception {
        private static final long serialVersionUID = 1L;

        /** Whether the message is the whole sentence for the user (problem and fix), not a cause to wrap. */
        private final boolean said;

        EngineFault(String message) {
            this(message, false);
        }

        EngineFault(String message, boolean said) {
            super(message);
            this.said = said;
        }
    }

    /** Containers of this run still alive, for tests. */
    public int liveContainers() {
        return live.size();
    }
}
