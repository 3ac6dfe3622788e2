package dev.archgate.testing;

import dev.archgate.host.Host;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.model.ImageReference;
import dev.archgate.image.store.ImageSource;
import dev.archgate.image.stream.GzipInflater;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The program chain of a command in one platform's variant of a pushed image, for runs that start programs strictly. */
public final class FixturePrograms {
    private FixturePrograms() {}

    public static ProgramChain chain(String image, Platform platform, List<String> argv) throws IOException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ImageSource source = ImageSource.registry(ImageReference.parse(image), Set.of(), Host.dockerConfigFile(System.getenv()));
            var variant = ImageResolver.resolve(source, List.of(platform)).variants().get(platform).orElseThrow();
            var config = variant.config();
            return ProgramChain.resolve(ImageResolver.filesystem(source, variant, pool, GzipInflater.choice(System.getenv())), argv, config.workingDir(), config.path());
        } finally {
            pool.shutdownNow();
        }
    }
}
