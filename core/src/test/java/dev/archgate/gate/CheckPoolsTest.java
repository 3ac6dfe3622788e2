package dev.archgate.gate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.ArchgateException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The containers made ahead of each platform's first smoke run: made only once the engines'
 * preparation is done, and side by side, so the last platform's does not wait for every other's.
 * The source of truth is the threads themselves: latches that only work running at once can open.
 */
class CheckPoolsTest {
    @Test
    void workAheadWaitsForThePreparationThenRunsSideBySide() throws Exception {
        CompletableFuture<Void> prepared = new CompletableFuture<>();
        CountDownLatch bothRunning = new CountDownLatch(2);
        try (CheckPools pools = new CheckPools(2)) {
            Future<Boolean> first = pools.ahead(true, prepared, () -> together(bothRunning));
            Future<Boolean> second = pools.ahead(true, prepared, () -> together(bothRunning));
            Thread.sleep(200);
            assertThat(bothRunning.getCount()).as("nothing ran before the preparation ended").isEqualTo(2);

            prepared.complete(null);

            assertThat(first.get(10, TimeUnit.SECONDS)).as("each saw the other running").isTrue();
            assertThat(second.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aFailedPreparationStillLetsTheWorkSayWhatItMakesOfIt() throws Exception {
        CompletableFuture<Void> failed = CompletableFuture.failedFuture(new ArchgateException("no engine", ArchgateException.Kind.ENVIRONMENT, null));
        try (CheckPools pools = new CheckPools(1)) {
            assertThat(pools.ahead(true, failed, () -> "ran").get(10, TimeUnit.SECONDS)).isEqualTo("ran");
            assertThat(pools.ahead(false, failed, () -> "ran").get()).isNull();
        }
    }

    private static boolean together(CountDownLatch bothRunning) throws InterruptedException {
        bothRunning.countDown();
        return bothRunning.await(5, TimeUnit.SECONDS);
    }
}
