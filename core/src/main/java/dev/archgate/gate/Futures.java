package dev.archgate.gate;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Unwraps a platform task's failure into what it was, so one sentence reaches the user; waits for workers to end. */
final class Futures {
    private Futures() {}

    static <T> T get(Future<T> f) throws InterruptedException, IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
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
     * Waits up to {@code limit} for the workers to end, also when this thread was interrupted (a cancelled gate
     * must still wait for its smoke runs to remove their containers); the interrupt is kept for the caller.
     */
    static void awaitEnd(ExecutorService workers, Duration limit) {
        boolean interrupted = Thread.interrupted();
        long deadline = System.nanoTime() + limit.toNanos();
        while (!workers.isTerminated() && System.nanoTime() < deadline) {
            try {
                workers.awaitTermination(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
