package dev.archgate.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.command.TopContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.HostConfig;
import com.google.cloud.tools.jib.api.Credential;
import dev.archgate.ArchgateException;
import dev.archgate.image.model.ImageReference;
import dev.archgate.image.store.RegistryCredentials;
import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * One runner's containers on its engine: created hardened (no network, no capabilities, no new
 * privileges, memory and pids limits) and labelled, the image pulled with the docker client's
 * login when the engine lacks it; killed, asked whether the OOM killer struck, removed. Every
 * container it made and did not remove yet is alive to {@link #removeAll}.
 */
final class SmokeContainers {
    private static final long MEMORY = 512L * 1024 * 1024;
    private static final long PIDS = 256;

    private final DockerClient docker;
    private final Labels labels;
    private final Path dockerConfig;
    private final Set<String> live = ConcurrentHashMap.newKeySet();

    /** @param dockerConfig the docker client's config.json whose logins the engine's pulls carry, null for pulls without a login */
    SmokeContainers(DockerClient docker, Labels labels, Path dockerConfig) {
        this.docker = docker;
        this.labels = labels;
        this.dockerConfig = dockerConfig;
    }

    DockerClient docker() {
        return docker;
    }

    /** Creates the container of {@code launch}, pulling the image first when the engine does not have it. */
    String create(String image, Platform platform, Launch launch, List<String> env) throws InterruptedException, EngineFault {
        try {
            return createOnce(image, platform, launch, env);
        } catch (NotFoundException | ConflictException e) {
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
            } catch (ArchgateException e) {
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

    void start(String id) {
        docker.startContainerCmd(id).exec();
    }

    void kill(String id) {
        try {
            docker.killContainerCmd(id).exec();
        } catch (ConflictException | NotFoundException e) {
            // it exited meanwhile
        }
    }

    /**
     * The signal QEMU, the container's first process, is stuck dying of ({@link DyingEmulator}), from
     * the engine's {@code top}; empty when it is not dying or the container no longer runs (its exit
     * reaches the wait). A {@code top} the engine cannot answer leaves the platform unchecked.
     */
    OptionalInt dyingOf(String id) throws EngineFault {
        TopContainerResponse top;
        try {
            top = docker.topContainerCmd(id).withPsArgs(DyingEmulator.PS_ARGS).exec();
        } catch (ConflictException e) {
            return OptionalInt.empty(); // "is not running": it exited since the last look
        } catch (DockerException e) {
            throw EngineFault.sentence(cannotLook(EngineErrors.said(e.getMessage())));
        }
        try {
            return DyingEmulator.signal(top.getTitles(), top.getProcesses());
        } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
            throw EngineFault.sentence(cannotLook("its answer: " + e.getMessage()));
        }
    }

    private static String cannotLook(String why) {
        return "the Docker Engine could not list the smoke container's processes (docker top, " + why + "), so archgate cannot tell a "
                + "program that died under QEMU from one still running and did not check the platform: use an engine on a Linux host "
                + "with procps' ps, or run this platform's smoke tests on its own hardware (engines: in archgate.yml)";
    }

    /** Whether the kernel's OOM killer struck in the container, as the engine's state says. */
    boolean oomKilled(String id) {
        return Boolean.TRUE.equals(docker.inspectContainerCmd(id).exec().getState().getOOMKilled());
    }

    /** Removes a container; returns null when it is gone, else the engine's fault (the next run's sweep finds it by label). */
    String remove(String id) {
        try {
            docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
            return null;
        } catch (NotFoundException e) {
            return null; // already gone
        } catch (RuntimeException e) {
            return EngineErrors.removal(e);
        } finally {
            live.remove(id);
        }
    }

    /** Removes every container still alive now. */
    void removeAll() {
        new ArrayList<>(live).forEach(this::remove);
    }

    /** Removes leftovers of earlier runs from the engine (see {@link Labels#sweep}); returns how many. */
    int sweep() {
        return labels.sweep(docker);
    }

    int alive() {
        return live.size();
    }
}
