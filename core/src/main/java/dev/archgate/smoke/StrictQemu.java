package dev.archgate.smoke;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.host.QemuBinaries;
import dev.archgate.host.QemuTar;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * This machine's QEMU as strict runs use it: whether a platform's is there, its tar copied into a
 * container at {@link StrictLaunch#QEMU_PATH} through the Engine API (the engine may be on another
 * filesystem than archgate, as beside the GitHub Action, so nothing is bind-mounted), and the name
 * a result gives the emulator that ran it.
 */
final class StrictQemu {
    private final QemuBinaries qemu;

    StrictQemu(QemuBinaries qemu) {
        this.qemu = qemu;
    }

    /** Why strict emulation of {@code platform} cannot start here (see {@link QemuBinaries#problem}); empty when it can. */
    Optional<String> problem(Platform platform) {
        return qemu.problem(platform);
    }

    /** Makes the platform's tar ahead of its first copy; a QEMU that cannot be read is left for the run to report. */
    void prepare(Platform platform) {
        try {
            qemu.tar(platform, StrictLaunch.QEMU_PATH.substring(1));
        } catch (IOException e) {
            // the run that needs it reports it, as emulation.missing or engine.failed
        }
    }

    /** Copies the platform's QEMU into the created container {@code id}. */
    void copyInto(DockerClient docker, String id, Platform platform) throws IOException, EngineFault {
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

    /** The emulator a strict run of {@code platform} names in its result: the binary, its version and the CPU model. */
    String describe(Platform platform, String cpuModel) {
        return qemu.version(platform) + (cpuModel != null ? ", -cpu " + cpuModel : "");
    }
}
