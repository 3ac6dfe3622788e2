package dev.archgate.testing;

import dev.archgate.host.BinfmtLock;
import dev.archgate.host.Host;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * A test that disables or re-registers QEMU handlers holds archgate's handler lock exclusively
 * meanwhile, so every archgate run on the machine (which holds it shared) waits rather than
 * reporting emulation.missing. The test's own runs, which must see the change, use a lock file of
 * their own ({@link #host}): the JVM cannot hold two locks on one file.
 */
public final class HandlerChange implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private HandlerChange(Path file) throws IOException {
        channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        lock = channel.lock(); // waits for the runs under way to end
    }

    public static HandlerChange begin() throws IOException {
        return begin(BinfmtLock.DEFAULT);
    }

    public static HandlerChange begin(Path file) throws IOException {
        return new HandlerChange(file);
    }

    /** A host whose runs see the handlers as the test left them. */
    public static Host host(Path ownLock) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.put("ARCHGATE_BINFMT_LOCK", ownLock.toString());
        return Host.of(env);
    }

    @Override
    public void close() throws IOException {
        lock.release();
        channel.close();
    }
}
