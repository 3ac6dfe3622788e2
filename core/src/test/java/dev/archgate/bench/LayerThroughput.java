package dev.archgate.bench;

import dev.archgate.image.ImageResolver;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.image.ImageSource;
import dev.archgate.image.PlatformImage;
import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Times the audit's read of an image's layers in-process, after one warm-up read, so the JVM's
 * start and JIT are left out: what dev/bench-audit compares with gzip -dc of the same layer.
 * Usage: LayerThroughput ARCHIVE ROUNDS; prints the best round's seconds, the file count, and the
 * best seconds of the image design checks over the same merged filesystem (what they add to the read).
 */
public final class LayerThroughput {
    private LayerThroughput() {}

    public static void main(String[] args) throws Exception {
        Path archive = Path.of(args[0]);
        int rounds = Integer.parseInt(args[1]);
        Platform amd64 = Platform.parse("linux/amd64");
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        double best = Double.MAX_VALUE;
        double design = Double.MAX_VALUE;
        int files = 0;
        try (ImageSource source = ImageSource.ociArchive(archive, null)) {
            PlatformImage image = ImageResolver.resolve(source, List.of(amd64)).variants().get(amd64).orElseThrow();
            for (int i = 0; i <= rounds; i++) {
                long start = System.nanoTime();
                MergedFilesystem fs = ImageResolver.filesystem(source, image, pool);
                double seconds = (System.nanoTime() - start) / 1e9;
                files = fs.size();
                long checked = System.nanoTime();
                dev.archgate.audit.ImageDesign.check(image, fs, dev.archgate.spec.PolicyLimits.sizeBudget(1L << 40),
                        dev.archgate.audit.PathGlobs.none());
                double designSeconds = (System.nanoTime() - checked) / 1e9;
                if (i > 0) {
                    best = Math.min(best, seconds);
                    design = Math.min(design, designSeconds);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.printf("%.3f %d %.4f%n", best, files, design);
    }
}
