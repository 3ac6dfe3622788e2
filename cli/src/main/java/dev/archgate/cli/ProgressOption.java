package dev.archgate.cli;

import dev.archgate.ArchgateException;
import dev.archgate.gate.ProgressLines;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --progress=plain|tty|auto}, as {@code docker buildx build --progress} takes it: {@code plain} prints one
 * line per event (a CI log is not a terminal), {@code tty} the {@link LiveView}, {@code auto} the live view when
 * standard error, where progress goes, is a terminal and plain lines otherwise.
 */
final class ProgressOption {
    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto", description = "How progress is shown on standard "
            + "error: plain (one line per event), tty (a live view, one line per platform) or auto (tty on a terminal; default).")
    String mode;

    Progress open(PrintWriter err, List<Platform> platforms, Map<String, String> env) {
        boolean tty = switch (mode) {
            case "plain" -> false;
            case "tty" -> true;
            case "auto" -> stderrIsTerminal(env);
            default -> throw ArchgateException.usage("--progress is '" + mode + "': use plain, tty or auto");
        };
        if (tty) {
            return new LiveView(err, platforms, columns(env), System::nanoTime, true);
        }
        ProgressLines lines = new ProgressLines(err);
        return new Progress() {
            @Override
            public void log(String line) {
                lines.log(line);
            }

            @Override
            public void platformStarted(Platform platform) {
                lines.platformStarted(platform);
            }

            @Override
            public void platformFinished(dev.archgate.findings.PlatformReport report) {
                lines.platformFinished(report);
            }

            @Override
            public void close() {}
        };
    }

    /**
     * Whether file descriptor 2 is a terminal: Java 17 has no isatty, and {@code System.console()} answers for
     * standard input and output instead. On Linux, where archgate runs, {@code /proc/self/fd/2} links to the device: a
     * terminal is {@code /dev/pts/N}, {@code /dev/ttyN} or {@code /dev/console}; a pipe, a file or /dev/null is not.
     * {@code TERM=dumb} declares a terminal that cannot move the cursor.
     */
    static boolean stderrIsTerminal(Map<String, String> env) {
        if ("dumb".equals(env.get("TERM"))) {
            return false;
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The terminal's width: COLUMNS when the shell exported it, else what {@code stty size} says of the terminal, else 80. */
    static int columns(Map<String, String> env) {
        try {
            return Integer.parseInt(env.getOrDefault("COLUMNS", ""));
        } catch (NumberFormatException e) {
            // not exported (bash sets it without exporting): ask the terminal
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(stty.getInputStream().readAllBytes()).trim().split("\\s+");
            if (stty.waitFor() == 0 && size.length == 2) {
                return Integer.parseInt(size[1]);
            }
        } catch (IOException | NumberFormatException e) {
            // no controlling terminal
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }
}
