package dev.archgate.host;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.model.HostConfig;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Registers QEMU handlers on the engine's host when archgate runs beside the engine (in a
 * container, or on another machine) rather than on it: a privileged container of an image archgate
 * makes itself, holding the static QEMU binaries and {@link FileWriterProgram}, writes the
 * registrations. With the F flag the kernel opens each QEMU binary at that moment, so the handlers
 * keep working after the container is gone.
 */
public final class EngineRegistrar {
    private static final String REPOSITORY = "archgate-registrar:1";
    private static final String QEMU_DIR = "/qemu/";
    private static final String BINFMT = "/proc/sys/fs/binfmt_misc/";

    private final Binfmt binfmt;

    public EngineRegistrar(Binfmt binfmt) {
        this.binfmt = binfmt;
    }

    /** Registers (or enables) each platform's handler through a privileged container; returns what it did. */
    public List<String> install(DockerClient docker, List<Platform> platforms) throws IOException, InterruptedException {
        List<ProbeImage.Entry> files = new ArrayList<>(List.of(new ProbeImage.Entry("write", FileWriterProgram.elf(), 0755)));
        List<String> args = new ArrayList<>();
        List<String> done = new ArrayList<>();
        for (Platform p : platforms) {
            if (Binfmt.isNative(p)) {
                continue;
            }
            String name = "qemu-" + p.qemuArch();
            files.add(new ProbeImage.Entry(QEMU_DIR.substring(1) + name + "-static", Files.readAllBytes(binfmt.qemuBinary(p)), 0755));
            BinfmtHandler h = binfmt.status(p);
            if (h.registered()) {
                args.addAll(List.of(BINFMT + name, "-1")); // anew, so the F flag and this QEMU are what is registered
            }
            args.addAll(List.of(BINFMT + "register", binfmt.registration(p, QEMU_DIR + name + "-static")));
            done.add(p + ": registered " + name + " through a privileged container");
        }
        if (args.isEmpty()) {
            return done;
        }
        String image = ProbeImage.load(docker, REPOSITORY, Binfmt.NATIVE, "/write", files);
        String id = docker.createContainerCmd(image).withCmd(args).withHostConfig(HostConfig.newHostConfig().withPrivileged(true).withNetworkMode("none")).exec().getId();
        try {
            docker.startContainerCmd(id).exec();
            Integer status = docker.waitContainerCmd(id).exec(new WaitContainerResultCallback()).awaitStatusCode(60, TimeUnit.SECONDS);
            if (status != 0) {
                throw new IOException(status + " of the handler registrations were refused by the kernel of the Docker host");
            }
        } finally {
            docker.removeContainerCmd(id).withForce(true).exec();
        }
        return done;
    }
}
