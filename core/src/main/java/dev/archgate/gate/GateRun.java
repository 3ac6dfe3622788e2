package dev.archgate.gate;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Report;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/**
 * A gate running on a thread of its own: wait for its report, or cancel it. A cancelled run still
 * ends with a report, in which every platform that had not finished is an error with reason
 * {@code interrupted}; its build is stopped and its containers are removed before that report is
 * returned.
 */
public final class GateRun {
    /** How long a cancel waits for the run to remove its containers; generous, since the engine may be loaded. */
    static final Duration STOP_WAIT = Duration.ofMinutes(2);

    private final GateFlow flow;
    private final CompletableFuture<Report> result = new CompletableFuture<>();
    private final Thread thread;

    GateRun(GateFlow flow) {
        this.flow = flow;
        this.thread = new Thread(() -> {
            try {
                result.complete(flow.run());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "archgate-gate");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The report, also of a cancelled run.
     *
     * @throws ArchgateException when the run could not start or finish (one sentence, usage or environment)
     */
    public Report await() throws InterruptedException {
        try {
            return result.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Stops the run: the build's processes are stopped, smoke containers removed, nothing is
     * promoted. Returns when the run has ended (at most {@link #STOP_WAIT}), so an adapter that
     * reports "aborted" leaves no container behind.
     */
    public void cancel() {
        flow.cancel();
        thread.interrupt();
        try {
            thread.join(STOP_WAIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
