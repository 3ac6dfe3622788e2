package dev.archgate.gate;

import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Severity;
import dev.archgate.platform.Platform;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The listener adapters print with: one plain line per event (a CI log is not a terminal), each
 * platform's result in one look, flushed at once so the log shows progress as it happens.
 */
public final class ProgressLines implements GateListener {
    private final PrintWriter err;
    private final String prefix;

    public ProgressLines(PrintWriter err) {
        this(err, "");
    }

    /** @param prefix starts every line, so the gate's part of a long log (a Jenkins build's) can be found */
    public ProgressLines(PrintWriter err, String prefix) {
        this.err = err;
        this.prefix = prefix;
    }

    @Override
    public void log(String line) {
        synchronized (err) {
            err.println(prefix + line);
            err.flush();
        }
    }

    @Override
    public void platformStarted(Platform platform) {
        log("[" + platform + "] checking: static audit and smoke runs");
    }

    @Override
    public void platformFinished(PlatformReport r) {
        log("[" + r.platform() + "] " + result(r));
    }

    /** A platform's result in one look: its verdict, the ids of its errors, and how long its smoke runs took. */
    public static String result(PlatformReport r) {
        String errors = Stream.concat(
                        r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(f -> f.check().id()),
                        r.smoke().stream().filter(s -> !s.passed()).map(s -> s.outcome().id()))
                .distinct().collect(Collectors.joining(", "));
        long ms = r.smoke().stream().mapToLong(s -> s.durationMs()).sum();
        return r.verdict().id().toUpperCase(Locale.ROOT) + (errors.isEmpty() ? "" : " (" + errors + ")")
                + (r.smoke().isEmpty() ? "" : ", smoke " + ms + " ms");
    }
}
