package dev.archgate.host;

import dev.archgate.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * binfmt_misc, read and written directly: which platforms' code the kernel hands to QEMU, and
 * registering or enabling the handlers of the host's qemu-user-static.
 */
public final class Binfmt {
    /** The platform this machine runs natively, which needs no handler. */
    public static final Platform NATIVE = Platform.parse(nativeArchitecture());

    private final Path root;
    private final Path qemuDir;
    private final Path binfmtsDir;

    public Binfmt(Path root, Path qemuDir, Path binfmtsDir) {
        this.root = root;
        this.qemuDir = qemuDir;
        this.binfmtsDir = binfmtsDir;
    }

    public static Binfmt host() {
        return new Binfmt(Path.of("/proc/sys/fs/binfmt_misc"), Path.of("/usr/bin"), Path.of("/usr/share/binfmts"));
    }

    private static String nativeArchitecture() {
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        return switch (arch) {
            case "amd64", "x86_64" -> "linux/amd64";
            case "aarch64", "arm64" -> "linux/arm64";
            default -> "linux/" + arch;
        };
    }

    public static boolean isNative(Platform p) {
        return p.architecture().equals(NATIVE.architecture());
    }

    /** The static QEMU binary for a platform, as shipped by qemu-user-static. */
    public Path qemuBinary(Platform p) {
        return qemuDir.resolve("qemu-" + p.qemuArch() + "-static");
    }

    /**
     * Whether this process sees the engine host's binfmt_misc. A process in a container (the
     * GitHub Action beside the runner's engine) does not: binfmt_misc is not mounted there, so
     * an empty directory says nothing about the handlers, and only a probe on the engine can.
     */
    public boolean visible() {
        return Files.exists(root.resolve("register"));
    }

    public BinfmtHandler status(Platform p) {
        String name = "qemu-" + p.qemuArch();
        Path entry = root.resolve(name);
        if (!Files.exists(entry)) {
            return new BinfmtHandler(p, name, false, false, false, null, false, "");
        }
        try {
            List<String> lines = Files.readAllLines(entry);
            boolean enabled = !lines.isEmpty() && lines.get(0).equals("enabled");
            String interpreter = field(lines, "interpreter ");
            String flags = field(lines, "flags: ");
            return new BinfmtHandler(p, name, true, enabled, flags != null && flags.contains("F"), interpreter,
                    interpreter != null && Files.exists(Path.of(interpreter)), flags == null ? "" : flags);
        } catch (IOException e) {
            return new BinfmtHandler(p, name, false, false, false, null, false, "");
        }
    }

    /**
     * The emulator the kernel hands {@code p}'s code to, for a report: the QEMU's own version line and the
     * handler with its flags, e.g. "qemu-aarch64 version 7.2.22 (Debian ...) through binfmt_misc qemu-aarch64
     * (/usr/libexec/qemu-binfmt/aarch64-binfmt-P, flags PF)"; null when no handler is registered.
     */
    public String emulator(Platform p) {
        BinfmtHandler h = status(p);
        if (!h.registered()) {
            return null;
        }
        String version = null;
        try {
            // Debian's -binfmt-P names are links to qemu-*-static, which refuse --version under that name.
            version = h.interpreter() == null ? null : QemuBinaries.versionOf(Path.of(h.interpreter()).toRealPath());
        } catch (IOException e) {
            // the interpreter is gone (with F the kernel still holds it open): the handler is still named
        }
        return (version != null ? version : "a QEMU of unknown version") + " through binfmt_misc " + h.name() + " (" + h.interpreter()
                + ", flags " + (h.flags().isEmpty() ? "none" : h.flags()) + ")";
    }

    private static String field(List<String> lines, String prefix) {
        return lines.stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()).trim()).findFirst().orElse(null);
    }

    /**
     * Makes the handler of each platform usable: enables a disabled one, or registers one with
     * the F flag from the qemu-user-static description in /usr/share/binfmts. Returns what it did,
     * one line per platform; the caller proves the result with a probe, since installers are
     * known to report success while registering nothing.
     */
    public List<String> install(List<Platform> platforms) throws IOException {
        List<String> done = new ArrayList<>();
        mountIfNeeded();
        for (Platform p : platforms) {
            if (isNative(p)) {
                done.add(p + ": native, no handler needed");
                continue;
            }
            BinfmtHandler h = status(p);
            if (h.registered() && (!h.fixBinary() || !h.interpreterPresent())) {
                Files.writeString(root.resolve(h.name()), "-1"); // remove, then register anew below
                h = status(p);
            }
            if (h.registered() && !h.enabled()) {
                Files.writeString(root.resolve(h.name()), "1");
                done.add(p + ": enabled " + h.name());
                continue;
            }
            if (!h.registered()) {
                Files.writeString(root.resolve("register"), registration(p));
                done.add(p + ": registered " + h.name() + " with " + qemuBinary(p));
                continue;
            }
            done.add(p + ": " + h.name() + " already enabled");
        }
        return done;
    }

    private void mountIfNeeded() throws IOException {
        if (Files.exists(root.resolve("register"))) {
            return;
        }
        try {
            Process p = new ProcessBuilder("mount", "-t", "binfmt_misc", "binfmt_misc", root.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (p.waitFor() != 0) {
                throw new IOException("binfmt_misc is not mounted at " + root + " and mounting it failed: " + out.trim());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while mounting binfmt_misc");
        }
    }

    /** ":name:M:offset:magic:mask:interpreter:F" with the host's QEMU, from Debian's binfmts description. */
    String registration(Platform p) throws IOException {
        Path qemu = qemuBinary(p);
        if (!Files.isExecutable(qemu)) {
            throw new IOException(qemu + " is missing: install qemu-user-static");
        }
        return registration(p, qemu.toString());
    }

    /**
     * The registration line with {@code interpreter} as the handler. With the F flag the kernel
     * opens the interpreter when the line is written, in the writer's mount namespace, so it need
     * not exist anywhere else later.
     */
    String registration(Platform p, String interpreter) throws IOException {
        Path description = binfmtsDir.resolve("qemu-" + p.qemuArch());
        if (!Files.exists(description)) {
            throw new IOException("no description of a QEMU handler for " + p + " at " + description + ": install qemu-user-static");
        }
        Map<String, String> d = new java.util.HashMap<>();
        for (String line : Files.readAllLines(description)) {
            int space = line.indexOf(' ');
            if (space > 0) {
                d.put(line.substring(0, space), line.substring(space + 1).trim());
            }
        }
        return ":qemu-" + p.qemuArch() + ":M:" + d.getOrDefault("offset", "0") + ":" + d.get("magic") + ":" + d.get("mask") + ":" + interpreter + ":F";
    }
}
