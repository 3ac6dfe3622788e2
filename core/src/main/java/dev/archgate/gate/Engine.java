package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Info;
import dev.archgate.ArchgateException;
import dev.archgate.host.Host;
import dev.archgate.smoke.Labels;
import dev.archgate.smoke.SmokeRunner;
import java.util.function.Supplier;

/** The Docker Engine as the smoke stage uses it: a checked connection, and the image pinned by digest. */
final class Engine {
    static final int MAX_PARALLEL = 8;

    static final String LOCAL_FIX = "start dockerd, or set DOCKER_HOST to where it listens";
    static final String ENDPOINT_FIX = "start it, or fix its address and TLS settings (tls-verify, cert-path with ca.pem, cert.pem, key.pem) in engines:";

    private Engine() {}

    /** The host's local engine, asked whether it answers. */
    static DockerClient connect(Host host) {
        answer(() -> host.docker().pingCmd().exec(), host.dockerAddress(), LOCAL_FIX);
        return host.docker();
    }

    /**
     * What an engine says of itself (its architecture and name), asked in place of a ping: the answer
     * is the proof that it answers, one round trip where the smoke runs' preparation waits for it.
     *
     * @param fix what the user does when it does not answer
     */
    static Info describe(DockerClient docker, String address, String fix) {
        return answer(() -> docker.infoCmd().exec(), address, fix);
    }

    private static <T> T answer(Supplier<T> call, String address, String fix) {
        try {
            return call.get();
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            throw new ArchgateException("the Docker Engine does not answer at " + address + " (" + root.getMessage() + "): " + fix,
                    ArchgateException.Kind.ENVIRONMENT, e);
        }
    }

    /**
     * A runner for the engine with the host's QEMU; leftovers of earlier runs are its caller's to
     * sweep ({@link SmokeRunner#sweep}), and its caller registers it to be stopped with the host.
     */
    static SmokeRunner runner(Host host, DockerClient docker) {
        return new SmokeRunner(docker, new Labels(), host.qemu(), host.dockerConfig());
    }
}
