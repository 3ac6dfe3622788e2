package dev.archgate.cli;

import dev.archgate.findings.Report;
import dev.archgate.gate.GateRun;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.ToIntFunction;

/**
 * Waits for a gate so that SIGINT and SIGTERM cancel it rather than cut it off: the JVM's
 * shutdown starts a hook that cancels the run (its build stops, its containers go) and waits
 * until the report of the stopped run, with its unfinished platforms as {@code interrupted}
 * errors, has been printed and written. The JVM then exits with the signal's status, 130 or 143.
 */
final class SignalledRun {
    /** How long a signal waits for the stopped run's report before the JVM exits regardless. */
    private static final long GRACE_SECONDS = 150;

    private SignalledRun() {}

    static int await(GateRun run, ToIntFunction<Report> emit) throws InterruptedException {
        CountDownLatch emitted = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            run.cancel();
            try {
                emitted.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "archgate-signal");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return emit.applyAsInt(run.await());
        } finally {
            emitted.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the signal's hook is running; it ends now that the report is out
            }
        }
    }
}
