package dev.archgate.elf;

import dev.archgate.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Real ELF files made on this machine: the fixture program cross-compiled by Go for each
 * architecture, and Debian's own binaries unpacked by test-fixtures/build.
 */
public final class ElfSamples {
    private ElfSamples() {}

    /** The hello fixture program built with {@code GOARCH=goarch} (and GOARM for arm). */
    public static synchronized Path go(String goarch, String goarm) throws IOException, InterruptedException {
        Path root = Fixtures.repositoryRoot();
        Path out = root.resolve("core/target/elf-samples/hello-" + goarch + (goarm == null ? "" : "v" + goarm));
        if (Files.exists(out)) {
            return out;
        }
        Files.createDirectories(out.getParent());
        ProcessBuilder pb = new ProcessBuilder("go", "build", "-trimpath", "-o", out.toString(), ".")
                .directory(root.resolve("test-fixtures/src/hello").toFile()).redirectErrorStream(true);
        pb.environment().put("CGO_ENABLED", "0");
        pb.environment().put("GOOS", "linux");
        pb.environment().put("GOARCH", goarch);
        if (goarm != null) {
            pb.environment().put("GOARM", goarm);
        }
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run go (" + e.getMessage() + "); run dev/setup-host", e);
        }
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError("go build for " + goarch + " failed: " + log);
        }
        return out;
    }

    /** A file from a Debian package of the platform directory (amd64, arm64, armv7, armv5, s390x, ppc64le). */
    public static Path debian(String platformDir, String component, String path) {
        Path file = Fixtures.repositoryRoot().resolve("test-fixtures/.work/debroot").resolve(platformDir).resolve(component).resolve(path);
        if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            throw new AssertionError(file + " is missing; run test-fixtures/build, which unpacks Debian's packages there");
        }
        return file;
    }
}
