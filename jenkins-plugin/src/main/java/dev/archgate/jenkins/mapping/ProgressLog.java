package dev.archgate.jenkins.mapping;

import dev.archgate.gate.GateListener;
import dev.archgate.platform.Platform;
import dev.archgate.report.PlatformReport;
import dev.archgate.report.Severity;
import java.io.PrintStream;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The gate's progress as build-log lines, written as they happen (on an agent the stream is the build log's remote
 * end). Each line starts with {@code [archgate]} so the gate's part of a long log can be found.
 */
public final class ProgressLog implements GateListener {
    private final PrintStream log;

    public ProgressLog(PrintStream log) {
        this.log = log;
    }

    @Override
    public void log(String line) {
        synchronized (log) {
            log.println("[archgate] " + line);
            log.flush();
        }
    }

    @Override
    public void platformStarted(Platform platform) {
        log(platform + ": checking (static audit and smoke runs)");
    }

    @Override
    public void platformFinished(PlatformReport r) {
        String errors = Stream.concat(
                        r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(f -> f.check().id()),
                        r.smoke().stream().filter(s -> !s.passed()).map(s -> s.outcome()))
                .distinct().collect(Collectors.joining(", "));
        log(r.platform() + ": " + r.verdict().id().toUpperCase(Locale.ROOT) + (errors.isEmpty() ? "" : " (" + errors + ")"));
    }
}
