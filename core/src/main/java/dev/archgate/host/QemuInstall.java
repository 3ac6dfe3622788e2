package dev.archgate.host;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The one way archgate registers QEMU handlers: directly, where this process may write the
 * engine host's binfmt_misc (root on that host), else, or when asked, through a privileged
 * container on the engine (archgate beside the engine, as the GitHub Action runs).
 */
public final class QemuInstall {
    private QemuInstall() {}

    /** Which of the platforms still need a handler registered through the engine. */
    public interface Needing {
        List<Platform> of(List<Platform> platforms) throws InterruptedException;
    }

    /**
     * @param throughEngine register through the engine without trying directly first
     * @param needing which platforms to register through the engine (the probe may show that some already run)
     * @return what was done, one line per platform
     * @throws IOException when neither way could register them
     */
    public static List<String> install(Binfmt binfmt, List<Platform> platforms, boolean throughEngine, Supplier<DockerClient> engine,
                                       Needing needing, Consumer<String> log) throws IOException, InterruptedException {
        if (!throughEngine) {
            try {
                return binfmt.install(platforms); // mounts binfmt_misc first where it may
            } catch (IOException direct) {
                log.accept("cannot register QEMU handlers directly (" + direct.getMessage() + "); registering through a privileged container");
            }
        }
        List<Platform> needed = needing.of(platforms);
        return needed.isEmpty() ? List.of() : new EngineRegistrar(binfmt).install(engine.get(), needed);
    }
}
