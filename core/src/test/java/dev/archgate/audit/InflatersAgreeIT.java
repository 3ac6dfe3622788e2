package dev.archgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Finding;
import dev.archgate.findings.SizeSummary;
import dev.archgate.host.Host;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.model.ImageReference;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.image.store.ImageSource;
import dev.archgate.image.stream.GzipInflater;
import dev.archgate.platform.Platform;
import dev.archgate.spec.PolicyLimits;
import dev.archgate.testing.Fixture;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture in the registry read with each gzip inflater: igzip and unpigz (child processes)
 * give exactly the files, sizes and findings the JDK's inflater gives, on every platform.
 */
@IntegrationTest
class InflatersAgreeIT {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());

    static Stream<Fixture> fixtures() {
        return Fixtures.all().stream();
    }

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private record Read(List<FileFacts> files, List<Finding> findings, SizeSummary size) {}

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void childInflatersGiveTheJdksFindings(Fixture fixture) throws Exception {
        Fixtures.requirePushed(fixture);
        try (ImageSource source = ImageSource.registry(ImageReference.parse(fixture.image()), Set.of(), Host.dockerConfigFile(System.getenv()))) {
            Map<Platform, Optional<PlatformImage>> variants = ImageResolver.resolve(source, fixture.platforms()).variants();
            int read = 0;
            for (Platform p : fixture.platforms()) {
                if (variants.get(p).isEmpty()) {
                    continue;
                }
                PlatformImage image = variants.get(p).get();
                Read jdk = read(source, image, GzipInflater.JDK);
                assertThat(jdk.files()).isNotEmpty();
                for (GzipInflater child : List.of(GzipInflater.IGZIP, GzipInflater.UNPIGZ)) {
                    Read other = read(source, image, child);
                    assertThat(other.files()).as("files of %s on %s with %s", fixture, p, child).isEqualTo(jdk.files());
                    assertThat(other.findings()).as("findings of %s on %s with %s", fixture, p, child).isEqualTo(jdk.findings());
                    assertThat(other.size()).as("sizes of %s on %s with %s", fixture, p, child).isEqualTo(jdk.size());
                }
                read++;
            }
            assertThat(read).as("platforms of %s read", fixture).isPositive();
        }
    }

    private static Read read(ImageSource source, PlatformImage image, GzipInflater inflater) throws Exception {
        MergedFilesystem fs = ImageResolver.filesystem(source, image, POOL, inflater);
        List<FileFacts> files = fs.all().stream().sorted(Comparator.comparing(FileFacts::path)).toList();
        ImageDesign design = ImageDesign.check(image, fs, new PolicyLimits(1L << 40, PolicyLimits.DEFAULT_WASTED_BYTES), PathGlobs.none());
        List<Finding> findings = Stream.concat(PlatformAudit.files(image, fs, PathGlobs.none()).stream(), design.findings().stream()).toList();
        return new Read(files, findings, design.size());
    }
}
