package dev.archgate.smoke;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.Gson;
import com.google.gson.JsonObject;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

/** Over real answers of Docker 26.1.5's top (resources dev/archgate/smoke/top, whose README says how each was recorded). */
class DyingEmulatorTest {
    private static OptionalInt dyingOf(String resource) throws Exception {
        try (Reader in = new InputStreamReader(DyingEmulatorTest.class.getResourceAsStream("top/" + resource), StandardCharsets.UTF_8)) {
            JsonObject top = new Gson().fromJson(in, JsonObject.class);
            String[] titles = new Gson().fromJson(top.get("Titles"), String[].class);
            String[][] processes = new Gson().fromJson(top.get("Processes"), String[][].class);
            return DyingEmulator.signal(titles, processes);
        }
    }

    @Test
    void qemuLeftInItsReRaiseOfSigillAsPid1IsTheProgramDyingOfSigill() throws Exception {
        assertThat(dyingOf("docker-26.1.5-qemu-7.2-riscv64-sigill-strict.json")).hasValue(4);
        assertThat(dyingOf("docker-26.1.5-qemu-7.2-riscv64-sigill-binfmt.json")).hasValue(4);
    }

    @Test
    void aRunningGuestAndANativeProcessAreNotDying() throws Exception {
        assertThat(dyingOf("docker-26.1.5-qemu-7.2-arm64-service-running.json")).isEmpty();
        assertThat(dyingOf("docker-26.1.5-native-amd64-service-running.json")).isEmpty();
    }

    @Test
    void aSignalQemuStillCatchesIsAGuestWaitingNotQemuDying() {
        String[] titles = {"PID", "PPID", "STAT", "WCHAN", "BLOCKED", "CAUGHT"};
        // The dying answer's masks with SIGILL still caught (bit 4 set), as while a guest runs and waits in its own sigsuspend.
        assertThat(DyingEmulator.signal(titles, new String[][] {{"15477", "15456", "Ssl", "sigsuspend.isra.0", "fffffffe7ffbfef7",
                "ffffffff7780feff"}})).isEmpty();
        // Two signals left unblocked: not QEMU's mask of all but one.
        assertThat(DyingEmulator.signal(titles, new String[][] {{"15477", "15456", "Ssl", "sigsuspend.isra.0", "fffffffe7ffbfef3",
                "ffffffff7780fef3"}})).isEmpty();
    }

    @Test
    void onlyTheContainersFirstProcessCounts() {
        String[] titles = {"PID", "PPID", "STAT", "WCHAN", "BLOCKED", "CAUGHT"};
        // A child (its parent is in the container) in the dying state says nothing of the program: its parent decides.
        assertThat(DyingEmulator.signal(titles, new String[][] {
            {"15477", "15456", "Ssl", "do_wait", "0000000000000000", "ffffffff7780fef7"},
            {"15480", "15477", "Ssl", "sigsuspend.isra.0", "fffffffe7ffbfef7", "ffffffff7780fef7"}})).isEmpty();
    }

    @Test
    void anAnswerWithoutTheColumnsIsRefusedNotReadAsHealthy() {
        // docker top's default columns (ps -ef): an engine that ignored the ps arguments.
        String[] titles = {"UID", "PID", "PPID", "C", "STIME", "TTY", "TIME", "CMD"};
        assertThatThrownBy(() -> DyingEmulator.signal(titles, new String[0][])).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no STAT column");
    }
}
