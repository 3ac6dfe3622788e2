package dev.archgate.gate;

import dev.archgate.findings.PlatformReport;
import dev.archgate.platform.Platform;

/**
 * What a gate run tells its adapter while it runs: log lines for the CI log, and per-platform
 * events so an adapter can show progress. Called from worker threads; implementations must be
 * thread-safe and quick.
 */
public interface GateListener {
    /** A line for the log (build progress, stage starts), without a line end. */
    void log(String line);

    /** A platform's checks started. */
    default void platformStarted(Platform platform) {}

    /** A platform's checks ended with this report. */
    default void platformFinished(PlatformReport report) {}

    /** Discards everything. */
    GateListener SILENT = line -> { };
}
