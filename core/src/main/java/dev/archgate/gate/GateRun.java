package dev.archgate.gate;

import dev.archgate.report.Report;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** A gate running in the background: wait for its report, or cancel it (its containers are removed). */
public final class GateRun {
    /** How long a cancel waits for the run to remove its containers; generous, since the engine may be loaded. */
    static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private final Future<Report> future;
    private final ExecutorService thread;

    GateRun(Future<Report> future, ExecutorService thread) {
        this.future = future;
        this.thread = thread;
    }

    /** The report; a cancelled run throws {@link CancellationException}. */
    public Report await() throws InterruptedException {
        try {
            return future.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof InterruptedException ie) {
                throw ie;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops the run: the build is stopped, smoke containers are removed, nothing is promoted. Returns when the run
     * has ended (at most {@link #STOP_WAIT}), so an adapter that reports "aborted" leaves no container behind.
     */
    public void cancel() {
        future.cancel(true);
        Futures.awaitEnd(thread, STOP_WAIT);
    }
}
