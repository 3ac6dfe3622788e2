package dev.archgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run waits while another process holds the handler lock exclusively (as a test that disables a
 * handler does), and goes on when it is released. The other process is a real second JVM
 * ({@link ExclusiveHolder}): the kernel's POSIX locks are the source of truth, and one JVM cannot
 * contend with itself for them.
 */
class BinfmtLockTest {
    @Test
    void aRunWaitsWhileAnotherProcessChangesTheHandlersAndGoesOnAfter(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("binfmt.lock");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), ExclusiveHolder.class.getName(), file.toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("held");
            List<String> log = new CopyOnWriteArrayList<>();
            BinfmtLock lock = new BinfmtLock(file);

            CompletableFuture<BinfmtLock.Held> run = CompletableFuture.supplyAsync(() -> {
                try {
                    return lock.shared(log::add);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(run).as("the run waits").failsWithin(1, TimeUnit.SECONDS).withThrowableOfType(TimeoutException.class);
            assertThat(log).singleElement().asString().startsWith("waiting: another process is changing the QEMU handlers");
            holder.getOutputStream().close(); // the holder releases and ends
            try (BinfmtLock.Held held = run.get(30, TimeUnit.SECONDS);
                 BinfmtLock.Held second = lock.shared(log::add)) {
                assertThat(log).as("a second run of this JVM shares the lock without waiting").hasSize(1);
            }
        } finally {
            holder.destroy();
            holder.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutAnotherHolderARunTakesItAtOnceAndAnUnwritablePlaceHoldsNothing(@TempDir Path dir) throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        try (BinfmtLock.Held held = new BinfmtLock(dir.resolve("binfmt.lock")).shared(log::add);
             BinfmtLock.Held nowhere = new BinfmtLock(dir.resolve("no-such-dir/binfmt.lock")).shared(log::add)) {
            assertThat(log).isEmpty();
        }
    }
}
