package dev.archgate.host;

import dev.archgate.platform.Platform;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * This machine's static QEMU binaries, which strict emulation copies into smoke containers:
 * whether a platform's is there, the CPU models it knows, and its tar for the Engine API. Each is
 * looked at once per host (the platform's check and each of its tests ask).
 */
public final class QemuBinaries {
    private final Path dir;
    private final Map<String, Optional<String>> problems = new ConcurrentHashMap<>();
    private final Map<String, String> cpuListings = new ConcurrentHashMap<>();
    private final Map<String, String> versions = new ConcurrentHashMap<>();
    private final Map<String, QemuTar> tars = new ConcurrentHashMap<>();

    /** @param dir where the {@code qemu-<arch>-static} binaries are (ARCHGATE_QEMU_DIR, default /usr/bin) */
    public QemuBinaries(Path dir) {
        this.dir = dir;
    }

    private Path binary(Platform platform) {
        return dir.resolve("qemu-" + platform.qemuArch() + "-static");
    }

    /** Why strict emulation of {@code platform} cannot start here: its QEMU binary is not on this host. Empty when it is there. */
    public Optional<String> problem(Platform platform) {
        return problems.computeIfAbsent(platform.qemuArch(), arch -> {
            Path qemu = binary(platform);
            if (Files.isRegularFile(qemu) && Files.isReadable(qemu)) {
                return Optional.empty();
            }
            return Optional.of("strict emulation of " + platform + " needs " + qemu + ", which this host does not have: install "
                    + "qemu-user-static (apt-get install qemu-user-static), or set ARCHGATE_QEMU_DIR to the directory that holds it");
        });
    }

    /**
     * Why {@code model} cannot be emulated for {@code platform} by this host's QEMU, or empty: its
     * name (before any ",feature" switch) must be one that {@code qemu-<arch>-static -cpu help} lists.
     */
    public Optional<String> unknownCpuModel(Platform platform, String model) {
        Path qemu = binary(platform);
        String listing = cpuListings.computeIfAbsent(platform.qemuArch(), arch -> cpuHelp(qemu));
        String name = model.split(",", 2)[0];
        if (listing.isEmpty() || Arrays.asList(listing.split("\\s+")).contains(name)) {
            return Optional.empty();
        }
        return Optional.of(qemu.getFileName() + " has no CPU model '" + name + "' for " + platform
                + ": give one that '" + qemu + " -cpu help' lists");
    }

    /**
     * What {@code qemu-<arch>-static --version} says of itself, e.g. "qemu-aarch64 version 7.2.22 (Debian
     * 1:7.2+dfsg-7+deb12u18+b3)", so that a report names the emulator that ran (or crashed); "... of
     * unknown version" when it does not answer.
     */
    public String version(Platform platform) {
        return versions.computeIfAbsent(platform.qemuArch(), arch -> {
            String first = versionOf(binary(platform));
            return first != null ? first : binary(platform).getFileName() + " of unknown version";
        });
    }

    /** The first line of {@code qemu --version} when it names a version, else null. */
    static String versionOf(Path qemu) {
        String out = run(qemu, "--version").strip();
        String first = out.isEmpty() ? "" : out.lines().findFirst().orElse("");
        return first.contains(" version ") ? first : null;
    }

    private static String cpuHelp(Path qemu) {
        return run(qemu, "-cpu", "help");
    }

    private static String run(Path qemu, String... args) {
        try {
            java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of(qemu.toString()));
            command.addAll(java.util.List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return ""; // no QEMU: the run itself reports the missing emulation
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    /** The tar of {@code platform}'s QEMU binary, stored as {@code name} (relative), made once. */
    public QemuTar tar(Platform platform, String name) throws IOException {
        QemuTar made = tars.get(platform.qemuArch());
        if (made == null) {
            made = QemuTar.of(binary(platform), name);
            tars.put(platform.qemuArch(), made);
        }
        return made;
    }
}
