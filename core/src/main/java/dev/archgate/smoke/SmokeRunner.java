package dev.archgate.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import dev.archgate.platform.Platform;
import dev.archgate.report.SmokeResult;
import dev.archgate.spec.SmokeTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

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
    private final Map<String, byte[]> qemuTars = new ConcurrentHashMap<>();

    public SmokeRunner(DockerClient docker, Labels labels, Path qemuDir) {
        this.docker = docker;
        this.labels = labels;
        this.qemuDir = qemuDir;
        Runtime.getRuntime().addShutdownHook(new Thread(this::removeAll, "archgate-cleanup"));
    }

    /**
     * Runs one test of one platform's variant of {@code image} (a reference the engine can pull).
     *
     * @param nativePlatform whether the host runs this platform's code without emulation
     */
    public SmokeResult run(String image, Platform platform, boolean nativePlatform, SmokeTest test, boolean strict, List<String> imageArgv,
                           String path, ProgramFiles files) throws InterruptedException {
        long start = System.nanoTime();
        String id = null;
        try {
            List<String> argv = test.command().isEmpty() ? imageArgv : test.command();
            Launch launch = strict ? StrictLaunch.plan(files, platform, nativePlatform, argv, path)
                    : Launch.asImageSays(argv, files.which(argv.isEmpty() ? "" : argv.get(0), path).isPresent());
            if (launch.verdict() != null) {
                return Classifier.classify(test, new ContainerResult(null, "", "", false, false, false, launch.verdict(), true, ms(start)));
            }
            id = create(image, platform, launch, launch.throughQemu() ? qemuEnv(platform) : List.of());
            if (launch.throughQemu()) {
                copyQemu(id, platform);
            }
            return Classifier.classify(test, startAndWait(id, test, launch.entrypointExists(), start));
        } catch (DockerException e) {
            return Classifier.classify(test, new ContainerResult(null, "", "", false, false, false, firstLine(e.getMessage()), true, ms(start)));
        } catch (IOException e) {
            return Classifier.classify(test, new ContainerResult(null, "", "", false, false, false,
                    "cannot talk to the Docker Engine: " + e.getMessage(), true, ms(start)));
        } finally {
            if (id != null) {
                boolean interrupted = Thread.interrupted(); // removal must happen even on interrupt
                remove(id);
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
        }
    }

    /** QEMU's CPU model for old ARM variants, so ARMv7 code dies with SIGILL as on an ARMv6 board. */
    private static List<String> qemuEnv(Platform p) {
        if (!p.architecture().equals("arm")) {
            return List.of();
        }
        return switch (p.variant()) {
            case "v6" -> List.of("QEMU_CPU=arm1176");
            case "v5" -> List.of("QEMU_CPU=arm926");
            default -> List.of();
        };
    }

    private String create(String image, Platform platform, Launch launch, List<String> env) throws InterruptedException {
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

    private void pull(String image, Platform platform) throws InterruptedException {
        docker.pullImageCmd(image).withPlatform(platform.toString()).exec(new PullImageResultCallback()).awaitCompletion(10, TimeUnit.MINUTES);
    }

    private void copyQemu(String id, Platform platform) throws IOException {
        byte[] tar = qemuTars.computeIfAbsent(platform.qemuArch(), arch -> {
            try {
                return qemuTar(platform);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        try (InputStream in = new java.io.ByteArrayInputStream(tar)) {
            docker.copyArchiveToContainerCmd(id).withTarInputStream(in).withRemotePath("/").exec();
        }
    }

    /** The static QEMU binary as a one-file tar, made once per architecture and run. */
    private byte[] qemuTar(Platform platform) throws IOException {
        Path qemu = qemuDir.resolve("qemu-" + platform.qemuArch() + "-static");
        ByteArrayOutputStream tarBytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(tarBytes)) {
            TarArchiveEntry e = new TarArchiveEntry(StrictLaunch.QEMU_PATH.substring(1));
            e.setMode(0755);
            e.setSize(Files.size(qemu));
            tar.putArchiveEntry(e);
            Files.copy(qemu, tar);
            tar.closeArchiveEntry();
        }
        return tarBytes.toByteArray();
    }

    private ContainerResult startAndWait(String id, SmokeTest test, boolean entrypointExists, long start) throws InterruptedException {
        try {
            docker.startContainerCmd(id).exec();
        } catch (DockerException e) {
            return new ContainerResult(null, "", "", false, false, false, firstLine(e.getMessage()), entrypointExists, ms(start));
        }
        boolean service = test.mode() != SmokeTest.Mode.COMMAND;
        long limitMs = service ? test.ready().toMillis() : test.timeout().toMillis();
        Integer exit = waitForExit(id, limitMs);
        boolean stillRunning = exit == null;
        if (stillRunning) {
            docker.killContainerCmd(id).exec();
        }
        InspectContainerResponse state = docker.inspectContainerCmd(id).exec();
        boolean oom = Boolean.TRUE.equals(state.getState().getOOMKilled());
        String[] output = logs(id);
        return new ContainerResult(exit, output[0], output[1], oom, stillRunning && !service, stillRunning && service, null,
                entrypointExists, ms(start));
    }

    /** Waits for the container to exit, at most {@code limitMs}; null when it is still running then. */
    private Integer waitForExit(String id, long limitMs) throws InterruptedException {
        try (WaitContainerResultCallback wait = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback())) {
            return wait.awaitStatusCode(limitMs, TimeUnit.MILLISECONDS);
        } catch (DockerClientException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException("interrupted while waiting for a smoke container");
            }
            return null; // the time is up and it still runs
        } catch (IOException e) {
            return null;
        }
    }

    private String[] logs(String id) throws InterruptedException {
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(false).exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
                StringBuilder target = frame.getStreamType() == StreamType.STDERR ? err : out;
                if (target.length() < MAX_OUTPUT) {
                    target.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                }
            }
        }).awaitCompletion(30, TimeUnit.SECONDS);
        return new String[] {out.toString(), err.toString()};
    }

    private void remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
        } catch (NotFoundException e) {
            // already gone
        } catch (RuntimeException e) {
            // left for the next run's sweep, which finds it by label
        }
        live.remove(id);
    }

    private void removeAll() {
        new ArrayList<>(live).forEach(this::remove);
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

    /** Containers of this run still alive, for tests. */
    public int liveContainers() {
        return live.size();
    }
}
