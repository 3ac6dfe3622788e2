package dev.archgate.cli;

import dev.archgate.findings.PlatformReport;
import dev.archgate.platform.Platform;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The gate's progress on a terminal, as {@code docker buildx build --progress=tty} shows a build: a block of lines
 * (a {@link LiveBoard}) redrawn in place several times a second, lines worth keeping (warnings, a failed step's
 * output, promotion) printed above it, and the block's last state left on the screen when the run ends. Redrawing
 * moves the cursor up over the block (CSI n A), erases each line before writing it (CSI 2K) and erases what is below
 * the new block (CSI J), the ECMA-48 sequences every terminal emulator in use understands.
 */
final class LiveView implements Progress {
    private static final String ESC = "\u001b[";
    private static final long FRAME_MILLIS = 200;

    private final PrintWriter err;
    private final LiveBoard board;
    private final int width;
    private final LongSupplier clock;
    private final ScheduledExecutorService ticker;
    private int drawn;
    private boolean closed;

    /** @param width the terminal's columns: every line is cut to fit, since a wrapped line would break the redraw */
    LiveView(PrintWriter err, List<Platform> platforms, int width, LongSupplier clock, boolean tick) {
        this.err = err;
        this.width = width;
        this.clock = clock;
        this.board = new LiveBoard(platforms, clock.getAsLong());
        if (tick) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "archgate-live-view");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(() -> draw(List.of()), 0, FRAME_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    @Override
    public synchronized void log(String line) {
        List<String> keep = board.log(line, clock.getAsLong());
        if (!keep.isEmpty()) {
            draw(keep);
        }
    }

    @Override
    public synchronized void platformStarted(Platform platform) {
        board.started(platform, clock.getAsLong());
        draw(List.of());
    }

    @Override
    public synchronized void platformFinished(PlatformReport report) {
        board.finished(report, clock.getAsLong());
        draw(List.of());
    }

    /** Stops the redraws and leaves the last state on the screen; the summary follows below it. */
    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (this) {
            if (!closed) {
                draw(List.of());
                closed = true;
            }
        }
    }

    private synchronized void draw(List<String> above) {
        if (closed) {
            return;
        }
        StringBuilder frame = new StringBuilder();
        if (drawn > 0) {
            frame.append(ESC).append(drawn).append('A');
        }
        for (String line : above) {
            frame.append('\r').append(ESC).append("2K").append(line).append('\n');
        }
        List<String> block = board.lines(clock.getAsLong(), width);
        for (String line : block) {
            frame.append('\r').append(ESC).append("2K").append(line).append('\n');
        }
        frame.append(ESC).append('J');
        drawn = block.size();
        err.print(frame);
        err.flush();
    }
}
