package dev.archgate.gate;

import dev.archgate.report.Report;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** A gate running in the background: wait for its report, or cancel it (its containers are removed). */
public final class GateRun {
    private final Future<Report> future;

    GateRun(Future<Report> future) {
        this.future = future;
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

    /** Stops the run: the build is stopped, smoke containers are removed, nothing is promoted. */
    public void cancel() {
        future.cancel(true);
    }
}
