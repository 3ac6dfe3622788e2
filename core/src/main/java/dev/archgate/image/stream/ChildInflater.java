package dev.archgate.image.stream;

import dev.archgate.ArchgateException;
import dev.archgate.image.store.ImageSource;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A gzip layer decompressed by a child process ({@code igzip -dc}, {@code unpigz -dc}): a thread
 * writes the blob (hashed on its way by {@link ImageSource}) to the child's stdin, the caller reads
 * the tar from its stdout, another thread keeps the first bytes of its stderr for the message.
 *
 * <p>The child's output is trusted only when the read was clean: the whole blob fed and verified,
 * the child exited 0 ({@link #finish}). The caller kills it on every other way out ({@link #close}:
 * the end of the read, a failure, an interrupt), and waits for it to be reaped, so no child
 * outlives the read.
 */
final class ChildInflater implements AutoCloseable {
    private static final int BUFFER = 256 * 1024;
    private static final int STDERR_KEPT = 2048;

    private final String what;
    private final String program;
    private final Process process;
    private final Thread feeder;
    private final Thread errors;
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private volatile Throwable feedFailure;

    private ChildInflater(String what, List<String> command, InputStream blob) throws IOException {
        this.what = what;
        this.program = command.get(0);
        this.process = new ProcessBuilder(command).start();
        this.feeder = new Thread(() -> feed(blob), "archgate-inflater-feed " + what);
        this.errors = new Thread(this::keepErrors, "archgate-inflater-stderr " + what);
        feeder.setDaemon(true);
        errors.setDaemon(true);
        feeder.start();
        errors.start();
    }

    /** Starts {@code command} on {@code blob}; @throws ArchgateException when the program cannot be started */
    static ChildInflater start(String what, List<String> command, InputStream blob) {
        try {
            return new ChildInflater(what, command, blob);
        } catch (IOException e) {
            throw new ArchgateException("cannot start " + command.get(0) + " to decompress " + what + " (" + e.getMessage() + "): install it, "
                    + "or set " + GzipInflater.VARIABLE + "=jdk", ArchgateException.Kind.ENVIRONMENT, e);
        }
    }

    /** The decompressed bytes. */
    InputStream output() {
        return process.getInputStream();
    }

    private void feed(InputStream blob) {
        try (OutputStream stdin = process.getOutputStream()) {
            byte[] buffer = new byte[BUFFER];
            int n;
            while ((n = blob.read(buffer)) >= 0) {
                try {
                    stdin.write(buffer, 0, n);
                } catch (IOException childGone) {
                    // The child stopped reading: it failed or was killed (its exit status tells), or
                    // it ignores what follows the last gzip member; the blob is verified to its end all the same.
                    blob.transferTo(OutputStream.nullOutputStream());
                    return;
                }
            }
        } catch (IOException | RuntimeException e) {
            feedFailure = e; // the blob could not be read or is not what its digest says
            process.destroyForcibly();
        }
    }

    private void keepErrors() {
        try (InputStream in = process.getErrorStream()) {
            byte[] buffer = new byte[1024];
            int n;
            while ((n = in.read(buffer)) >= 0) {
                synchronized (stderr) {
                    stderr.write(buffer, 0, Math.max(0, Math.min(n, STDERR_KEPT - stderr.size())));
                }
            }
        } catch (IOException e) {
            // the child was killed: what it said so far is kept
        }
    }

    /**
     * After the caller read the output to its end: throws unless the blob was fed whole and
     * verified and the child exited 0.
     */
    void finish() throws IOException {
        try {
            feeder.join();
            int status = process.waitFor();
            errors.join();
            if (feedFailure instanceof IOException e) {
                throw e;
            }
            if (feedFailure instanceof RuntimeException e) {
                throw e;
            }
            if (status != 0) {
                String said;
                synchronized (stderr) {
                    said = stderr.toString(StandardCharsets.UTF_8).strip().replace('\n', ' ');
                }
                throw CorruptContent.of(what, "it does not decompress (" + program + " exit status " + status
                        + (said.isEmpty() ? "" : ": " + said) + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while decompressing " + what);
        }
    }

    /**
     * Kills the child (a no-op once it exited) and waits until it is reaped; the feeder stops on
     * the broken pipe. Waits without giving up on an interrupt, then keeps the interrupt.
     */
    @Override
    public void close() {
        process.destroyForcibly();
        boolean interrupted = false;
        while (true) {
            try {
                process.waitFor(1, TimeUnit.MINUTES);
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        try {
            process.getInputStream().close();
        } catch (IOException ignored) {
            // closing a pipe of a dead child: nothing to release beyond the descriptor
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
