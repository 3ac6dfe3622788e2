package dev.archgate.image.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.image.ImageResolver;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.Resolution;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.image.model.ResolvedImage;
import dev.archgate.image.stream.GzipInflater;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A two-platform image built for the source tests with {@code docker buildx} on the busybox base
 * of the local registry: a script entrypoint found through PATH, a symlink and a hard link to it,
 * a file deleted by a later layer (a whiteout), a directory replaced (opaque or whiteouts), an
 * owned directory, and config fields of every kind. Every source must read the same facts from it.
 */
final class SampleImage {
    static final List<Platform> PLATFORMS = Platform.parseList("linux/amd64,linux/arm64");
    private static final String BASE = "127.0.0.1:5000/archgate/bases/busybox:1";
    private static final Map<String, Integer> MACHINE = Map.of("linux/amd64", 62, "linux/arm64", 183);

    private SampleImage() {}

    /** Writes the build context; {@code salt} makes its content (and so every digest) unique. */
    static Path context(Path dir, String salt) throws IOException {
        Files.createDirectories(dir.resolve("app"));
        Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\nexec echo serving \"$@\"\n");
        Files.writeString(dir.resolve("old.txt"), "to be deleted " + salt + "\n");
        Files.writeString(dir.resolve("app/old"), "replaced\n");
        Files.writeString(dir.resolve("Dockerfile"), String.join("\n",
                "FROM " + BASE,
                "COPY run.sh /usr/local/bin/run.sh",
                "COPY old.txt /etc/old.txt",
                "COPY app/ /opt/app/",
                "RUN chmod 755 /usr/local/bin/run.sh && ln /usr/local/bin/run.sh /usr/local/bin/run-hard"
                        + " && ln -s run.sh /usr/local/bin/run-soft && rm /etc/old.txt"
                        + " && rm -rf /opt/app && mkdir /opt/app && echo new > /opt/app/new"
                        + " && mkdir /data && chown 1000:1001 /data",
                "ENV PATH=/usr/local/bin:/bin GREETING=hello",
                "USER 1000",
                "WORKDIR /data",
                "ENTRYPOINT [\"run.sh\"]",
                "CMD [\"--port\", \"8080\"]", ""));
        return dir;
    }

    /** Runs {@code docker buildx build} for both platforms with the given output options. */
    static void build(Path context, String... output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("docker", "buildx", "build", "--platform", "linux/amd64,linux/arm64"));
        command.addAll(List.of(output));
        command.add(context.toString());
        run(command, Map.of());
    }

    /**
     * Runs a setup command. A push gets two more tries when the registry answers 500: Debian's
     * registry 2.8 does so to a HEAD that meets a tag being written (shared/ENVIRONMENT.md).
     */
    static void run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            pb.environment().putAll(env);
            Process p = pb.start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean ok = p.waitFor(10, TimeUnit.MINUTES) && p.exitValue() == 0;
            if (!ok && attempt < 3 && log.contains("500 Internal Server Error")) {
                continue;
            }
            assertThat(ok).as(String.join(" ", command) + "\n" + log).isTrue();
            return;
        }
    }

    /** What every source must say about the sample, for both platforms. */
    static void assertReadCorrectly(ImageSource source) throws IOException {
        ResolvedImage image = ImageResolver.resolve(source, PLATFORMS);
        assertThat(image.isIndex()).isTrue();
        assertThat(image.digest()).matches("sha256:[0-9a-f]{64}");
        // buildx adds an attestation manifest per platform; they are not platforms.
        assertThat(image.offered()).containsExactly("linux/amd64", "linux/arm64");
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (Platform p : PLATFORMS) {
                PlatformImage variant = image.variants().get(p).orElseThrow();
                assertConfig(variant, p);
                assertFiles(ImageResolver.filesystem(source, variant, pool, GzipInflater.choice(System.getenv())), variant.config(), p);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static void assertConfig(PlatformImage variant, Platform p) {
        assertThat(variant.entry().label()).isEqualTo(p.toString());
        assertThat(variant.manifest().layers()).hasSizeGreaterThanOrEqualTo(4)
                .allSatisfy(l -> assertThat(l.mediaType()).contains("layer").contains("tar"));
        ImageConfig c = variant.config();
        assertThat(c.label()).isEqualTo(p.toString());
        assertThat(c.entrypoint()).containsExactly("run.sh");
        assertThat(c.cmd()).containsExactly("--port", "8080");
        assertThat(c.user()).isEqualTo("1000");
        assertThat(c.workingDir()).isEqualTo("/data");
        assertThat(c.env()).contains("PATH=/usr/local/bin:/bin", "GREETING=hello");
        assertThat(c.path()).isEqualTo("/usr/local/bin:/bin");
    }

    private static void assertFiles(MergedFilesystem fs, ImageConfig config, Platform p) {
        Resolution entry = fs.which(config.entrypoint().get(0), config.path());
        assertThat(entry.found()).as(entry.problem()).isTrue();
        assertThat(entry.facts().path()).isIn("/usr/local/bin/run.sh", "/usr/local/bin/run-hard");
        assertThat(entry.facts().shebang()).isEqualTo("#!/bin/sh");
        assertThat(entry.facts().isExecutable()).isTrue();

        // Two names of one file: the tar stores the second as a link to the first.
        FileFacts script = fs.entry("/usr/local/bin/run.sh").orElseThrow();
        FileFacts hard = fs.entry("/usr/local/bin/run-hard").orElseThrow();
        assertThat(List.of(String.valueOf(script.hardLinkOf()), String.valueOf(hard.hardLinkOf())))
                .containsAnyOf("/usr/local/bin/run.sh", "/usr/local/bin/run-hard");
        assertThat(hard.shebang()).isEqualTo("#!/bin/sh");
        assertThat(fs.entry("/usr/local/bin/run-soft").orElseThrow().linkTarget()).isEqualTo("run.sh");
        assertThat(fs.resolve("/usr/local/bin/run-soft").facts().shebang()).isEqualTo("#!/bin/sh");

        assertThat(fs.entry("/etc/old.txt")).isEmpty();
        assertThat(fs.entry("/opt/app/old")).isEmpty();
        assertThat(fs.entry("/opt/app/new")).isPresent();
        assertThat(fs.all()).extracting(FileFacts::path).noneMatch(path -> path.contains(".wh."));

        FileFacts data = fs.entry("/data").orElseThrow();
        assertThat(data.type()).isEqualTo(FileFacts.Type.DIRECTORY);
        assertThat(data.uid()).isEqualTo(1000);
        assertThat(data.gid()).isEqualTo(1001);

        Resolution sh = fs.which("sh", config.path());
        assertThat(sh.found()).as(sh.problem()).isTrue();
        assertThat(sh.facts().isElf()).isTrue();
        assertThat(sh.facts().elf().machine()).as(p.toString()).isEqualTo(MACHINE.get(p.toString()));
    }
}
