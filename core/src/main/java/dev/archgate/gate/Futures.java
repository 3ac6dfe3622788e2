package dev.archgate.gate;

import dev.archgate.image.ImageException;
import java.io.IOException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Unwraps a platform task's failure into what it was, so one sentence reaches the user. */
final class Futures {
    private Futures() {}

    static <T> T get(Future<T> f) throws InterruptedException, IOException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof ImageException ie) {
                throw ie;
            }
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
}
