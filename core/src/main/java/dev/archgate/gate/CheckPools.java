package dev.archgate.gate;

import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * The threads of one run's checks, and what a stopped run reports. Smoke runs mostly wait on the
 * engine and on QEMU, so every platform gets its own thread (bounded, for gates of many
 * platforms); layer reads share the cores; the engines are prepared on a thread of their own
 * while the registry is read; the containers made ahead of the platforms' first smoke runs are
 * made side by side once the engines are ready (one after another, the last platform's would wait
 * for every other's create and QEMU copy). Closing ends them all, and waits for the platforms'
 * threads (and the emulation probes) to have removed their smoke containers.
 */
final class CheckPools implements AutoCloseable {
    private final ExecutorService warmUp = Executors.newSingleThreadExecutor();
    private final ExecutorService platforms;
    private final ExecutorService ahead;
    private final ExecutorService layers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
    private final Map<Platform, Future<PlatformReport>> running = new LinkedHashMap<>();

    CheckPools(int platformCount) {
        platforms = Executors.newFixedThreadPool(Math.min(platformCount, Engine.MAX_PARALLEL));
        ahead = Executors.newFixedThreadPool(Math.min(platformCount, Engine.MAX_PARALLEL));
    }

    /** Runs {@code work} beside the checks; nothing when {@code needed} is false. */
    <T> Future<T> beside(boolean needed, Callable<T> work) {
        return needed ? warmUp.submit(work) : CompletableFuture.completedFuture(null);
    }

    /**
     * Runs {@code work} once {@code after} is done (whether it succeeded is {@code work}'s to ask),
     * beside the checks and beside the other platforms' work of the same kind; nothing when
     * {@code needed} is false.
     */
    <T> Future<T> ahead(boolean needed, Future<?> after, Callable<T> work) {
        return needed ? ahead.submit(() -> {
            try {
                after.get();
            } catch (ExecutionException e) {
                // the work meets the same failure, and says it or leaves it to the platform's checks
            }
            return work.call();
        }) : CompletableFuture.completedFuture(null);
    }

    ExecutorService layers() {
        return layers;
    }

    void start(Platform p, Callable<PlatformReport> checks) {
        running.put(p, platforms.submit(checks));
    }

    /** Every platform's report, in the order they were started. */
    List<PlatformReport> reports() throws InterruptedException, IOException {
        List<PlatformReport> reports = new ArrayList<>();
        for (Future<PlatformReport> f : running.values()) {
            reports.add(Futures.get(f));
        }
        return reports;
    }

    /**
     * The report of a stopped run: platforms that finished keep their verdict, every other one is
     * an error with reason "interrupted". The platforms' threads are stopped and waited for first,
     * so the containers they created are gone when the report is written.
     *
     * @param pools the run's pools, null when it stopped before any check started
     */
    static Report stopped(String name, List<Platform> platforms, Policy policy, List<Finding> imageFindings, GateListener listener,
                          CheckPools pools) {
        boolean wasInterrupted = Thread.interrupted(); // the wait below must not be cut short by the interrupt being handled
        listener.log("interrupted: stopping the checks and removing their containers");
        Map<Platform, Future<PlatformReport>> running = pools == null ? Map.of() : pools.running;
        if (pools != null) {
            pools.platforms.shutdownNow();
            try {
                pools.platforms.awaitTermination(2, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                wasInterrupted = true;
            }
        }
        List<PlatformReport> reports = new ArrayList<>();
        for (Platform p : platforms) {
            Future<PlatformReport> f = running.get(p);
            PlatformReport done = null;
            if (f != null && f.isDone() && !f.isCancelled()) {
                try {
                    done = f.get();
                } catch (ExecutionException | InterruptedException e) {
                    done = null; // it stopped with the run
                }
            }
            reports.add(done != null ? done : PlatformReport.interrupted(p));
        }
        if (wasInterrupted) {
            Thread.currentThread().interrupt();
        }
        return Report.of(name, null, policy.apply(imageFindings), reports);
    }

    @Override
    public void close() {
        layers.shutdownNow();
        platforms.shutdownNow();
        warmUp.shutdownNow();
        ahead.shutdownNow();
        Futures.awaitEnd(platforms, GateRun.STOP_WAIT);
        Futures.awaitEnd(warmUp, GateRun.STOP_WAIT);
        Futures.awaitEnd(ahead, GateRun.STOP_WAIT);
    }
}
