package dev.archgate.smoke;

import java.util.Map;
import java.util.Set;

/**
 * Linux's signal numbers as the engine's host numbers them (the generic numbering of x86-64, arm64,
 * and every architecture Docker Engine runs on; signal(7)), and which of them end a process by
 * default: every one but the stop signals and those whose default is to ignore (SIGCHLD, SIGCONT,
 * SIGURG, SIGWINCH). Real-time signals (34 to 64) terminate.
 */
final class LinuxSignals {
    private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"),
            Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"), Map.entry(5, "SIGTRAP"), Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"),
            Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"), Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"),
            Map.entry(13, "SIGPIPE"), Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"), Map.entry(16, "SIGSTKFLT"),
            Map.entry(17, "SIGCHLD"), Map.entry(18, "SIGCONT"), Map.entry(19, "SIGSTOP"), Map.entry(20, "SIGTSTP"),
            Map.entry(21, "SIGTTIN"), Map.entry(22, "SIGTTOU"), Map.entry(23, "SIGURG"), Map.entry(24, "SIGXCPU"),
            Map.entry(25, "SIGXFSZ"), Map.entry(26, "SIGVTALRM"), Map.entry(27, "SIGPROF"), Map.entry(28, "SIGWINCH"),
            Map.entry(29, "SIGIO"), Map.entry(30, "SIGPWR"), Map.entry(31, "SIGSYS"));
    private static final Set<Integer> SURVIVED = Set.of(17, 18, 19, 20, 21, 22, 23, 28);
    static final int MAX = 64;

    private LinuxSignals() {}

    /** "SIGILL", or "SIGRTMIN+2" for a real-time signal, or "signal N". */
    static String name(int signal) {
        String name = NAMES.get(signal);
        if (name != null) {
            return name;
        }
        return signal >= 34 && signal <= MAX ? "SIGRTMIN+" + (signal - 34) : "signal " + signal;
    }

    /** Whether the signal's default action ends the process (terminate or dump core). */
    static boolean endsProcess(int signal) {
        return signal >= 1 && signal <= MAX && !SURVIVED.contains(signal) && signal != 32 && signal != 33;
    }
}
