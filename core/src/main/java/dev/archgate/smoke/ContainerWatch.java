package dev.archgate.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import com.github.dockerjava.api.model.WaitResponse;
import dev.archgate.image.store.TransportFaults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;

/**
 * Follows a started container's output and its exit together, and ends at the first of: the
 * container exits, QEMU reports that the guest died of a signal, QEMU is seen stuck dying (a run
 * under emulation, {@link #await(long, long, Look)}), or the time is up. QEMU, as PID 1 of the
 * container, cannot die of the signal it re-raises (the kernel ignores it for a namespace's init)
 * and hangs: waiting for the exit alone would count a crashed program as a running one.
 */
final class ContainerWatch implements AutoCloseable {
    /** How the wait ended; BROKEN: the engine's wait failed, so nothing is known of the container. */
    enum End { EXITED, GUEST_DIED, EMULATOR_DIED, TIME_UP, BROKEN }

    /** A look at the container's processes: the signal QEMU is stuck dying of ({@link DyingEmulator}), empty when none. */
    interface Look {
        OptionalInt dyingOf() throws EngineFault, InterruptedException;
    }

    private final CountDownLatch ended = new CountDownLatch(1);
    private final Output output;
    private final ResultCallback.Adapter<WaitResponse> exit;
    private volatile Integer exitCode;
    private volatile boolean exited;
    private volatile Throwable failure;
    private int dyingOf;

    private ContainerWatch(DockerClient docker, String id, int maxOutput) {
        output = docker.logContainerCmd(id).withStdOut(true).withStdErr(true).withFollowStream(true)
                .exec(new Output(maxOutput, ended));
        exit = docker.waitContainerCmd(id).exec(new ResultCallback.Adapter<WaitResponse>() {
            @Override
            public void onNext(WaitResponse response) {
                exitCode = response.getStatusCode();
                exited = true;
                ended.countDown();
            }

            @Override
            public void onError(Throwable throwable) {
                failure = throwable; // the wait broke off: an engine fault, never a container still running
                ended.countDown();
            }
        });
    }

    /** Starts following the container, which has just been started. */
    static ContainerWatch follow(DockerClient docker, String id, int maxOutput) {
        return new ContainerWatch(docker, id, maxOutput);
    }

    /** Waits at most {@code limitMs} for the container to exit or its guest to die. */
    End await(long limitMs) throws InterruptedException {
        ended.await(limitMs, TimeUnit.MILLISECONDS);
        if (output.guestDeath() != null) {
            return End.GUEST_DIED;
        }
        if (exited) {
            return End.EXITED;
        }
        return failure != null ? End.BROKEN : End.TIME_UP;
    }

    /**
     * Waits as {@link #await(long)} does for a container whose program runs under QEMU, looking at its
     * processes every {@code everyMs} and once more when the time is up, since QEMU stuck dying as
     * PID 1 ({@link DyingEmulator}) neither exits nor says so: {@link End#EMULATOR_DIED} then, with the
     * signal in {@link #dyingOf}.
     */
    End await(long limitMs, long everyMs, Look look) throws InterruptedException, EngineFault {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(limitMs);
        while (true) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (ended.await(Math.max(0, Math.min(left, everyMs)), TimeUnit.MILLISECONDS)) {
                return await(0);
            }
            OptionalInt dying = look.dyingOf();
            if (dying.isPresent()) {
                dyingOf = dying.getAsInt();
                return End.EMULATOR_DIED;
            }
            if (left <= everyMs) {
                return await(0);
            }
        }
    }

    /** The signal QEMU was seen dying of ({@link End#EMULATOR_DIED}), 0 otherwise. */
    int dyingOf() {
        return dyingOf;
    }

    /** Why the engine's wait broke off, in one line (for {@link End#BROKEN}). */
    String failure() {
        Throwable root = failure;
        while (root != null && root.getCause() != null) {
            root = root.getCause();
        }
        return root == null ? "" : TransportFaults.describe(root);
    }

    /** The exit status, null when the container has not exited. */
    Integer exitCode() {
        return exitCode;
    }

    /** Stdout and stderr as collected so far, after waiting (bounded) for the stream to end once the container stopped. */
    String[] output() throws InterruptedException {
        output.awaitCompletion(30, TimeUnit.SECONDS);
        return output.text();
    }

    @Override
    public void close() {
        try {
            output.close();
            exit.close();
        } catch (IOException e) {
            // the streams of a container about to be removed; nothing is left to read from them
        }
    }

    /** Collects both streams up to a bound and looks at every whole line for QEMU's report of the guest's death. */
    private static final class Output extends ResultCallback.Adapter<Frame> {
        private final int max;
        private final CountDownLatch ended;
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder err = new StringBuilder();
        private final StringBuilder line = new StringBuilder();
        private String guestDeath;

        Output(int max, CountDownLatch ended) {
            this.max = max;
            this.ended = ended;
        }

        @Override
        public synchronized void onNext(Frame frame) {
            String text = new String(frame.getPayload(), StandardCharsets.UTF_8);
            boolean stderr = frame.getStreamType() == StreamType.STDERR;
            StringBuilder target = stderr ? err : out;
            if (target.length() < max) {
                target.append(text, 0, Math.min(text.length(), max - target.length()));
            }
            if (stderr) {
                scan(text);
            }
        }

        /** Line by line, whatever the frames' boundaries, so a flood of output cannot hide the line. */
        private void scan(String text) {
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c != '\n') {
                    if (line.length() < 4096) {
                        line.append(c);
                    }
                    continue;
                }
                Matcher m = Classifier.QEMU_GUEST_SIGNAL.matcher(line);
                if (guestDeath == null && m.find()) {
                    guestDeath = m.group();
                    if (err.length() >= max) {
                        err.append('\n').append(guestDeath); // past the bound, but the classifier must see it
                    }
                    ended.countDown();
                }
                line.setLength(0);
            }
        }

        synchronized String guestDeath() {
            return guestDeath;
        }

        synchronized String[] text() {
            return new String[] {out.toString(), err.toString()};
        }
    }
}
