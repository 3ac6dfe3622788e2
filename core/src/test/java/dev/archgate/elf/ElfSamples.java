package dev.archgate.elf;

import dev.archgate.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Real ELF files made on this machine: the fixture program cross-compiled by Go for each
 * architecture (core/target/elf-samples), and Debian's own binaries, fetched with
 * {@code apt-get download} and unpacked with {@code dpkg-deb -x} (core/target/debs). Each is made
 * once and then reused.
 */
public final class ElfSamples {
    private ElfSamples() {}

    /** The hello fixture program built with {@code GOARCH=goarch} (and GOARM for arm), statically. */
    public static synchronized Path go(String goarch, String goarm) throws IOException, InterruptedException {
        Path root = Fixtures.repositoryRoot();
        Path out = root.resolve("core/target/elf-samples/hello-" + goarch + (goarm == null ? "" : "v" + goarm));
        if (Files.exists(out)) {
            return out;
        }
        Files.createDirectories(out.getParent());
        Map<String, String> env = goarm == null
                ? Map.of("CGO_ENABLED", "0", "GOOS", "linux", "GOARCH", goarch)
                : Map.of("CGO_ENABLED", "0", "GOOS", "linux", "GOARCH", goarch, "GOARM", goarm);
        run(root.resolve("test-fixtures/src/hello"), env, "run dev/setup-host, which installs Go (golang-go)",
                "go", "build", "-trimpath", "-o", out.toString(), ".");
        return out;
    }

    /** The hello fixture program built for amd64 with {@code GOAMD64=level} (e.g. "v3"), statically. */
    public static synchronized Path goAmd64(String level) throws IOException, InterruptedException {
        Path root = Fixtures.repositoryRoot();
        Path out = root.resolve("core/target/elf-samples/hello-amd64-" + level);
        if (!Files.exists(out)) {
            Files.createDirectories(out.getParent());
            run(root.resolve("test-fixtures/src/hello"), Map.of("CGO_ENABLED", "0", "GOOS", "linux", "GOARCH", "amd64", "GOAMD64", level),
                    "run dev/setup-host, which installs Go (golang-go)", "go", "build", "-trimpath", "-o", out.toString(), ".");
        }
        return out;
    }

    /**
     * The hello fixture program built by Go 1.24 (Debian trixie's golang-1.24-go, which dev/setup-host
     * installs: GOARM64 and GORISCV64 exist from Go 1.23) for {@code goarch} with one level setting,
     * e.g. {@code goLevel("arm64", "GOARM64", "v8.0,lse")}, statically.
     */
    public static synchronized Path goLevel(String goarch, String setting, String value) throws IOException, InterruptedException {
        Path root = Fixtures.repositoryRoot();
        Path out = root.resolve("core/target/elf-samples/hello-" + goarch + "-" + setting + "-" + value.replace(',', '+'));
        if (!Files.exists(out)) {
            Files.createDirectories(out.getParent());
            run(root.resolve("test-fixtures/src/hello"), Map.of("CGO_ENABLED", "0", "GOOS", "linux", "GOARCH", goarch, setting, value,
                    "GOTOOLCHAIN", "local"), "run dev/setup-host, which installs Go 1.24 (golang-1.24-go)",
                    "/usr/lib/go-1.24/bin/go", "build", "-trimpath", "-o", out.toString(), ".");
        }
        return out;
    }

    /** A C program of test-fixtures/src/c compiled by the host's gcc with {@code flags}, under {@code name}. */
    public static synchronized Path gcc(String source, String name, String... flags) throws IOException, InterruptedException {
        return compiled("gcc", source, name, flags);
    }

    /**
     * A C program of test-fixtures/src/c compiled by Debian's cross compiler for 32-bit ARM hard
     * float ({@code arm-linux-gnueabihf-gcc}, package gcc-arm-linux-gnueabihf) with {@code flags}.
     */
    public static synchronized Path armhfGcc(String source, String name, String... flags) throws IOException, InterruptedException {
        return compiled("arm-linux-gnueabihf-gcc", source, name, flags);
    }

    /**
     * A C program of test-fixtures/src/c compiled by one of Debian's cross compilers ({@code
     * aarch64-linux-gnu-gcc}, {@code powerpc64le-linux-gnu-gcc}, ...: packages gcc-aarch64-linux-gnu and so on).
     */
    public static synchronized Path crossGcc(String triplet, String source, String name, String... flags)
            throws IOException, InterruptedException {
        return compiled(triplet + "-gcc", source, name, flags);
    }

    private static Path compiled(String compiler, String source, String name, String... flags) throws IOException, InterruptedException {
        Path root = Fixtures.repositoryRoot();
        Path out = root.resolve("core/target/elf-samples/" + name);
        if (!Files.exists(out)) {
            Files.createDirectories(out.getParent());
            List<String> command = new java.util.ArrayList<>(List.of(compiler));
            command.addAll(List.of("-o", out.toString(), root.resolve("test-fixtures/src/c/" + source).toString()));
            command.addAll(List.of(flags)); // after the source, so that libraries named there resolve its symbols
            run(root, Map.of(), "run dev/setup-host, which installs " + compiler + " (gcc, gcc-arm-linux-gnueabihf) and its C library",
                    command.toArray(String[]::new));
        }
        return out;
    }

    /**
     * A file of Debian package {@code pkg} for Debian architecture {@code debArch} (amd64, arm64,
     * armhf, armel, s390x, ppc64el), e.g. {@code debian("armhf", "busybox-static", "bin/busybox")}.
     */
    public static synchronized Path debian(String debArch, String pkg, String path) throws IOException, InterruptedException {
        return debian(null, debArch, pkg, path);
    }

    /**
     * A file of Debian package {@code pkg} of another suite than the host's (trixie, whose amd64
     * packages dev/setup-host adds to apt's sources), e.g. {@code debian("trixie", "amd64", "hello", "usr/bin/hello")}.
     */
    public static synchronized Path debian(String suite, String debArch, String pkg, String path) throws IOException, InterruptedException {
        Path debs = Fixtures.repositoryRoot().resolve("core/target/debs");
        Path tree = debs.resolve("root").resolve(debArch).resolve(suite == null ? pkg : pkg + "-" + suite);
        if (!Files.isDirectory(tree)) {
            unpack(debs, debArch, suite == null ? pkg + ":" + debArch : pkg + ":" + debArch + "/" + suite, tree);
        }
        Path file = tree.resolve(path);
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new AssertionError(pkg + ":" + debArch + " has no " + path + " (unpacked in " + tree + ")");
        }
        return file;
    }

    private static void unpack(Path debs, String debArch, String pkg, Path tree) throws IOException, InterruptedException {
        Files.createDirectories(debs);
        Path download = Files.createTempDirectory(debs, "download-");
        run(download, Map.of(), "apt-get must reach a Debian mirror and " + debArch
                        + " must be a foreign architecture (dpkg --add-architecture " + debArch + " && apt-get update; dev/setup-host does it)",
                "apt-get", "download", "-q", pkg);
        Path deb;
        try (Stream<Path> files = Files.list(download)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(".deb")).toList();
            if (found.size() != 1) {
                throw new AssertionError("apt-get download " + pkg + " left " + found + " in " + download);
            }
            deb = Files.move(found.get(0), debs.resolve(found.get(0).getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.delete(download);
        // Unpacked aside and moved into place in one step, so an interrupted run leaves no half tree.
        Path staging = Files.createTempDirectory(debs, "unpack-");
        run(debs, Map.of(), "dpkg-deb comes with dpkg", "dpkg-deb", "-x", deb.toString(), staging.toString());
        Files.createDirectories(tree.getParent());
        Files.move(staging, tree, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void run(Path dir, Map<String, String> env, String fix, String... command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command[0] + " (" + e.getMessage() + "); " + fix, e);
        }
        String log = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command) + " failed (" + fix + "):\n" + log);
        }
    }
}
