package dev.archgate.smoke;

import java.math.BigInteger;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * QEMU stuck in its own death, as the engine's process list ({@code docker top}) shows it. When the
 * guest dies of a signal S it does not handle, QEMU's linux-user/signal.c ({@code dump_core_and_abort},
 * {@code die_with_signal} since 8.1) sets S's host action to SIG_DFL, sends S to itself with
 * {@code kill(getpid(), S)} and waits in {@code sigsuspend} with every signal but S blocked. Run as a
 * container's PID 1 it waits forever: the kernel drops a signal sent to a PID namespace's init from
 * inside the namespace unless init handles it (pid_namespaces(7): "Only signals for which the init
 * process has established a signal handler can be sent to the init process by other members of the
 * PID namespace"). While a guest runs QEMU catches every signal, so a first process that sleeps in
 * sigsuspend with every ordinary signal blocked but one S, S not caught and S's default action fatal,
 * is QEMU dying of S, never a guest waiting (a guest's own sigsuspend leaves S caught by QEMU).
 *
 * <p>Ordinary signals: 1 to 64 without SIGKILL and SIGSTOP (which cannot be blocked) and 32 and 33
 * (glibc's sigfillset leaves out the two its threads use). The columns are procps' {@code ps -o}
 * names; dockerd runs the host's ps with them and with {@code -q} and the container's pids (moby's
 * daemon/top_unix.go), and answers ps' own error for a column ps lacks.
 */
final class DyingEmulator {
    /** The ps arguments of the engine's {@code top}; the titles come back as PID, PPID, STAT, WCHAN, BLOCKED, CAUGHT. */
    static final String PS_ARGS = "-o pid,ppid,stat,wchan:32,blocked,caught";
    private static final Set<Integer> UNBLOCKABLE = Set.of(9, 19, 32, 33);

    private DyingEmulator() {}

    /**
     * The signal the container's first process (the one whose parent is outside the container: the
     * runtime's shim) is dying of, from the engine's {@code top} answer; empty when it is not dying.
     *
     * @throws IllegalArgumentException when the answer lacks a column this needs (an engine whose ps differs)
     */
    static OptionalInt signal(String[] titles, String[][] processes) {
        List<String> t = Arrays.asList(titles);
        int pid = column(t, "PID");
        int ppid = column(t, "PPID");
        int stat = column(t, "STAT");
        int wchan = column(t, "WCHAN");
        int blocked = column(t, "BLOCKED");
        int caught = column(t, "CAUGHT");
        Set<String> pids = new HashSet<>();
        for (String[] p : processes) {
            pids.add(p[pid]);
        }
        for (String[] p : processes) {
            if (pids.contains(p[ppid])) {
                continue; // a child of the container's own processes
            }
            // "S": interruptible sleep; wchan names the kernel function it sleeps in ("sigsuspend.isra.0" on 6.x kernels).
            if (!p[stat].startsWith("S") || !p[wchan].contains("sigsuspend")) {
                return OptionalInt.empty();
            }
            return onlyUnblocked(mask(p[blocked]), mask(p[caught]));
        }
        return OptionalInt.empty();
    }

    /** The one ordinary signal left unblocked, when it is not caught and its default ends the process. */
    private static OptionalInt onlyUnblocked(BigInteger blocked, BigInteger caught) {
        int found = 0;
        for (int s = 1; s <= LinuxSignals.MAX; s++) {
            if (UNBLOCKABLE.contains(s) || blocked.testBit(s - 1)) {
                continue;
            }
            if (found != 0) {
                return OptionalInt.empty(); // two signals can wake it: not QEMU's death
            }
            found = s;
        }
        return found != 0 && !caught.testBit(found - 1) && LinuxSignals.endsProcess(found) ? OptionalInt.of(found) : OptionalInt.empty();
    }

    private static BigInteger mask(String hex) {
        return new BigInteger(hex, 16);
    }

    private static int column(List<String> titles, String name) {
        int i = titles.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("the engine's process list has no " + name + " column (it has " + titles + ")");
        }
        return i;
    }
}
