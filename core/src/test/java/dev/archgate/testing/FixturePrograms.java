package dev.archgate.testing;

import dev.archgate.gate.FilesystemPrograms;
import dev.archgate.image.ImageReference;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.ImageSource;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.ProgramFiles;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The files of one platform's variant of a pushed image, for runs that start programs strictly. */
public final class FixturePrograms {
    private FixturePrograms() {}

    public static ProgramFiles of(String image, Platform platform) throws IOException {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            ImageSource source = ImageSource.registry(ImageReference.parse(image), Set.of());
            var variant = ImageResolver.resolve(source, List.of(platform)).variants().get(platform).orElseThrow();
            return new FilesystemPrograms(ImageResolver.filesystem(source, variant, pool));
        } finally {
            pool.shutdownNow();
        }
    }
}
