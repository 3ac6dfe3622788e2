package dev.archgate.smoke;

/**
 * What one container did: its exit status (null when it never exited), its output (bounded), and
 * how it ended. {@code startError} is the engine's refusal to create or start it, if any;
 * {@code entrypointExists} whether the program it was told to run is in the image, so that
 * "no such file or directory" can name the right culprit; {@code emulatorDiedOf} the signal QEMU
 * was seen stuck dying of as the container's PID 1 ({@link DyingEmulator}), 0 when none.
 */
public record ContainerResult(Integer exitCode, String stdout, String stderr, boolean oomKilled, boolean timedOut,
                              boolean stillRunning, String startError, boolean entrypointExists, long durationMs, int emulatorDiedOf) {

    public ContainerResult(Integer exitCode, String stdout, String stderr, boolean oomKilled, boolean timedOut,
                           boolean stillRunning, String startError, boolean entrypointExists, long durationMs) {
        this(exitCode, stdout, stderr, oomKilled, timedOut, stillRunning, startError, entrypointExists, durationMs, 0);
    }

    String output() {
        return (startError == null ? "" : startError + "\n") + stderr + "\n" + stdout;
    }
}
