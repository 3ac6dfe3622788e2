package dev.archgate.host;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Keeps a run from seeing QEMU handlers that another process is changing (a test of the emulation
 * checks disables one; every other gate on the machine would report emulation.missing meanwhile):
 * whoever changes handlers holds this file's lock exclusively, and each run that relies on them
 * holds it shared, waiting while it is held exclusively. A POSIX lock on a file, so the kernel
 * releases it when its holder dies. The JVM holds one shared lock for all its runs (it refuses a
 * second lock on the same file), counted.
 */
public final class BinfmtLock {
    /** Where the lock is unless ARCHGATE_BINFMT_LOCK says otherwise. */
    public static final Path DEFAULT = Path.of("/tmp/archgate-binfmt.lock");
    private static final Map<Path, SharedLock> SHARED = new HashMap<>();

    private final Path file;

    BinfmtLock(Path file) {
        this.file = file;
    }

    /** A held lock; closing it releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** Nothing held: for a run that relies on no handler. */
    public static final Held NONE = () -> { };

    /**
     * Held while a run relies on the handlers. Where the file cannot be opened (another user's, a
     * read-only /tmp) nothing is held: the lock coordinates, it does not guard.
     *
     * @param log told once when the run waits for another process
     */
    public Held shared(Consumer<String> log) throws InterruptedException {
        SharedLock lock;
        synchronized (SHARED) {
            lock = SHARED.computeIfAbsent(file, SharedLock::new);
            lock.holders++;
        }
        try {
            lock.acquire(log);
        } catch (InterruptedException | RuntimeException e) {
            release(lock);
            throw e;
        }
        return () -> release(lock);
    }

    private static void release(SharedLock lock) {
        synchronized (SHARED) {
            if (--lock.holders == 0) {
                SHARED.remove(lock.file);
                lock.close();
            }
        }
    }

    /** The JVM's shared lock of one file, taken by its first holder. */
    private static final class SharedLock {
        final Path file;
        int holders;
        private FileChannel channel;
        private FileLock lock;
        private boolean tried;

        SharedLock(Path file) {
            this.file = file;
        }

        synchronized void acquire(Consumer<String> log) throws InterruptedException {
            if (tried) {
                return;
            }
            try {
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException e) {
                tried = true;
                return; // cannot be shared with whoever changes handlers: they cannot take it either
            }
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, true);
                if (lock == null) {
                    log.accept("waiting: another process is changing the QEMU handlers (it holds " + file + ")");
                    lock = channel.lock(0, Long.MAX_VALUE, true);
                }
                tried = true;
            } catch (ClosedByInterruptException e) {
                channel = null;
                throw new InterruptedException("interrupted while waiting for " + file);
            } catch (IOException e) {
                tried = true; // a file system without locks: nothing to coordinate with
            }
        }

        synchronized void close() {
            try {
                if (channel != null) {
                    channel.close(); // releases the lock
                }
            } catch (IOException e) {
                // the lock goes with the descriptor
            }
        }
    }
}
