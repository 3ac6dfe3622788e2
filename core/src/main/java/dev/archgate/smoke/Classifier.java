package dev.archgate.smoke;

import dev.archgate.findings.Check;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.KnownQemuFaults;
import dev.archgate.spec.SmokeTest;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what a container did into a smoke outcome: "passed" or the check id of the failure,
 * with the line of evidence a person needs to see the cause at once. The wordings are those of
 * runc (1.1+ and older), crun, and QEMU.
 */
public final class Classifier {
    private static final Pattern EXEC_FORMAT = Pattern.compile(
            "(?im)^.*(exec format error|exec user process caused.*format|Invalid ELF image for this architecture).*$");
    private static final Pattern QEMU_LOADER = Pattern.compile("(?im)^.*Could not open '([^']+)': No such file or directory.*$");
    private static final Pattern NO_SUCH_FILE = Pattern.compile(
            "(?im)^.*(exec|executable file|exec user process caused|starting container process caused).*no such file or directory.*$");
    private static final Pattern NOT_FOUND_IN_PATH = Pattern.compile("(?im)^.*executable file not found in \\$PATH.*$");
    /** runc's refusal of a USER the image's /etc/passwd (or /etc/group) lacks, as the engine relays it on start. */
    private static final Pattern UNKNOWN_USER = Pattern.compile("(?im)^.*unable to find (user|group) .*$");
    private static final Pattern PERMISSION = Pattern.compile("(?im)^.*(exec|starting container process).*permission denied.*$");
    private static final Pattern PLATFORM = Pattern.compile(
            "(?im)^.*(does not match the specified platform|no match for platform in manifest|no matching manifest for).*$");
    private static final Map<Integer, String> SIGNALS = Map.of(132, "SIGILL (illegal instruction)", 133, "SIGTRAP",
            134, "SIGABRT", 135, "SIGBUS", 136, "SIGFPE", 137, "SIGKILL", 139, "SIGSEGV (segmentation fault)");
    /**
     * QEMU's report that the guest died of a signal (linux-user, dump_core_and_abort), e.g.
     * "qemu: uncaught target signal 4 (Illegal instruction) - core dumped". The number is the
     * target's, the words are the host's strsignal(); inside a container QEMU is PID 1, whose own
     * re-raise of the signal the kernel ignores, so it may hang instead of exiting after this line.
     */
    static final Pattern QEMU_GUEST_SIGNAL = Pattern.compile("(?m)qemu: uncaught target signal (\\d+) \\(([^)\\n]*)\\).*$");
    /** strsignal() texts of glibc, by signal name, for the signals a program dies of. */
    private static final Map<String, String> SIGNAL_NAMES = Map.ofEntries(
            Map.entry("Illegal instruction", "SIGILL"), Map.entry("Segmentation fault", "SIGSEGV"), Map.entry("Bus error", "SIGBUS"),
            Map.entry("Floating point exception", "SIGFPE"), Map.entry("Aborted", "SIGABRT"), Map.entry("Trace/breakpoint trap", "SIGTRAP"),
            Map.entry("Bad system call", "SIGSYS"), Map.entry("Quit", "SIGQUIT"), Map.entry("CPU time limit exceeded", "SIGXCPU"),
            Map.entry("File size limit exceeded", "SIGXFSZ"));
    /**
     * The Go runtime's own refusal to start on a CPU below its build level, before any other code
     * runs: "This program can only be run on AMD64 processors with v3 microarchitecture support."
     * (GOAMD64, exit 1) and "runtime: this CPU has no VFPv3 floating point hardware, so it cannot
     * run" (GOARM); and glibc's loader refusing a program whose ISA note asks for more ("./app: CPU
     * ISA level is lower than required", exit 127). It is the same fault as SIGILL, found before it happens.
     */
    private static final Pattern CPU_LEVEL_REFUSAL = Pattern.compile("(?m)^(This program can only be run on \\w+ processors with .* support\\."
            + "|runtime: this CPU has no .*floating point hardware.*|.*: CPU ISA level is lower than required"
            + "|Fatal glibc error: CPU (lacks|does not support) .*)$");
    /**
     * QEMU's own crash, not the guest's: linux-user/signal.c reports a host signal taken inside the
     * emulator itself as "QEMU internal SIGSEGV {code=MAPERR, addr=0x...}" (QEMU 7.0 and later), and
     * cpu_abort() prints "qemu: fatal: ..." (setup-qemu-action#201 and binfmt#245 show such crashes of
     * known QEMU releases). The program may be fine; the platform was not checked.
     */
    static final Pattern EMULATOR_FAULT = Pattern.compile("(?m)^.*(QEMU internal SIG[A-Z0-9]+ \\{[^}\\n]*\\}|qemu: fatal: .*)$");
    private static final String SIGILL_MEANING = ": the program uses instructions the platform's baseline CPU lacks, so it was built for "
            + "a newer CPU level than the platform promises; build for the baseline (e.g. -march, GOAMD64, GOARM, GOARM64)";

    private Classifier() {}

    /**
     * Whether the engine's or runtime's words name a fault of the image (a platform it lacks, a
     * program that cannot be executed) rather than of the engine itself.
     */
    static boolean namesImageFault(String text) {
        return java.util.stream.Stream.of(PLATFORM, EXEC_FORMAT, QEMU_LOADER, NOT_FOUND_IN_PATH, NO_SUCH_FILE, PERMISSION, UNKNOWN_USER)
                .anyMatch(p -> p.matcher(text).find());
    }

    public static SmokeResult classify(SmokeTest test, ContainerResult r) {
        return classify(test, r, null);
    }

    /** @param emulator the QEMU that ran the program (its version and CPU model), null when it was the engine host's or none */
    public static SmokeResult classify(SmokeTest test, ContainerResult r, String emulator) {
        String out = r.output();
        Matcher m;
        if ((m = EMULATOR_FAULT.matcher(out)).find()) {
            return result(test, r, Check.EMULATION_SUSPECT, "the emulator crashed, not the program: " + m.group().trim() + " ("
                    + (emulator != null ? emulator : "the engine host's binfmt_misc QEMU") + "); install a newer qemu-user-static (or a "
                    + "fixed release of the one that crashed), or run this platform's smoke tests on its own hardware (engines: in archgate.yml)");
        }
        var knownFault = KnownQemuFaults.crash(emulator);
        // A crash (SIGILL, SIGABRT, SIGBUS, SIGSEGV), not a kill for time or memory.
        boolean crashed = !r.timedOut() && !r.oomKilled() && (QEMU_GUEST_SIGNAL.matcher(out).find()
                || KnownQemuFaults.isCrashStatus(r.exitCode()));
        if (knownFault.isPresent() && crashed) {
            return result(test, r, Check.EMULATION_SUSPECT, knownFault.get());
        }
        if (r.emulatorDiedOf() != 0) {
            String name = LinuxSignals.name(r.emulatorDiedOf());
            return result(test, r, Check.SMOKE_SIGNAL, "killed by " + name + " under emulation" + meaning(name)
                    + " (QEMU, the container's PID 1, was left waiting for its own " + name + ", which the kernel does not deliver to a "
                    + "namespace's init)" + lastLine(r.stderr()));
        }
        if ((m = PLATFORM.matcher(out)).find()) {
            return result(test, r, Check.PLATFORM_MISSING, m.group().trim());
        }
        if ((m = UNKNOWN_USER.matcher(out)).find()) {
            return result(test, r, Check.USER_MISSING, m.group().trim());
        }
        if ((m = EXEC_FORMAT.matcher(out)).find()) {
            return result(test, r, Check.SMOKE_EXEC_FORMAT_ERROR, m.group().trim());
        }
        if ((m = QEMU_LOADER.matcher(out)).find()) {
            return result(test, r, Check.INTERPRETER_MISSING, m.group().trim());
        }
        if ((m = NOT_FOUND_IN_PATH.matcher(out)).find()) {
            return result(test, r, Check.ENTRYPOINT_MISSING, m.group().trim());
        }
        if ((m = NO_SUCH_FILE.matcher(out)).find()) {
            // The program is there, so what is missing is what it needs to start: its ELF loader or
            // its script's interpreter (a CRLF "#!/bin/sh\r" among them).
            return result(test, r, r.entrypointExists() ? Check.INTERPRETER_MISSING : Check.ENTRYPOINT_MISSING, m.group().trim());
        }
        if ((m = PERMISSION.matcher(out)).find()) {
            return result(test, r, Check.ENTRYPOINT_NOT_EXECUTABLE, m.group().trim());
        }
        if ((m = QEMU_GUEST_SIGNAL.matcher(out)).find()) {
            return result(test, r, Check.SMOKE_SIGNAL, guestSignal(m));
        }
        if ((m = CPU_LEVEL_REFUSAL.matcher(out)).find()) {
            return result(test, r, Check.ELF_CPU_LEVEL, "the program refused to start on the platform's baseline CPU: " + m.group().trim()
                    + " (built for a newer CPU level than the platform promises)");
        }
        if (r.startError() != null) {
            return result(test, r, Check.SMOKE_NOT_RUNNING, r.startError());
        }
        if (r.oomKilled()) {
            return result(test, r, Check.SMOKE_SIGNAL, "killed by the kernel: out of memory (the container's memory limit)");
        }
        if (r.exitCode() != null && SIGNALS.containsKey(r.exitCode())) {
            return result(test, r, Check.SMOKE_SIGNAL, "killed by " + SIGNALS.get(r.exitCode()) + meaning(LinuxSignals.name(r.exitCode() - 128))
                    + lastLine(r.stderr()));
        }
        if (r.timedOut()) {
            return result(test, r, Check.SMOKE_TIMEOUT, "still running after " + test.timeout().toSeconds() + " s");
        }
        return switch (test.mode()) {
            case SERVICE -> r.stillRunning() ? passed(test, r)
                    : result(test, r, Check.SMOKE_NOT_RUNNING, "exited with status " + r.exitCode() + " before the "
                    + test.ready().toSeconds() + " s ready time" + lastLine(r.stderr() + "\n" + r.stdout()));
            case START -> r.stillRunning() || expectedExit(test, r) ? passed(test, r) : exitCode(test, r);
            case COMMAND -> command(test, r);
        };
    }

    /** "SIGILL under emulation: ..." from QEMU's line; the name comes from the words, since target numbers differ per architecture. */
    private static String guestSignal(Matcher m) {
        String words = m.group(2);
        String name = SIGNAL_NAMES.getOrDefault(words, "signal " + m.group(1));
        return name + " (" + words.toLowerCase(java.util.Locale.ROOT) + ") under emulation" + meaning(name)
                + "; QEMU said: " + m.group().trim();
    }

    /** What dying of the signal says about the program, where it says something: SIGILL, a CPU level above the platform's. */
    private static String meaning(String signalName) {
        return signalName.equals("SIGILL") ? SIGILL_MEANING : "";
    }

    private static SmokeResult command(SmokeTest test, ContainerResult r) {
        if (!expectedExit(test, r)) {
            return exitCode(test, r);
        }
        if (!test.stdout().isEmpty() && !Pattern.compile(test.stdout(), Pattern.MULTILINE).matcher(r.stdout()).find()) {
            return result(test, r, Check.SMOKE_OUTPUT, "stdout does not match /" + test.stdout() + "/: " + excerpt(r.stdout()));
        }
        if (!test.stderr().isEmpty() && !Pattern.compile(test.stderr(), Pattern.MULTILINE).matcher(r.stderr()).find()) {
            return result(test, r, Check.SMOKE_OUTPUT, "stderr does not match /" + test.stderr() + "/: " + excerpt(r.stderr()));
        }
        return passed(test, r);
    }

    private static boolean expectedExit(SmokeTest test, ContainerResult r) {
        return r.exitCode() != null && r.exitCode() == test.exitCode();
    }

    private static SmokeResult exitCode(SmokeTest test, ContainerResult r) {
        return result(test, r, Check.SMOKE_EXIT_CODE, "exited with status " + r.exitCode() + ", expected " + test.exitCode()
                + lastLine(r.stderr() + "\n" + r.stdout()));
    }

    private static String lastLine(String text) {
        String last = text.strip().lines().reduce((a, b) -> b).orElse("");
        return last.isEmpty() ? "" : ": " + excerpt(last);
    }

    private static String excerpt(String s) {
        String t = s.strip().replace("\n", " | ");
        return t.length() > 200 ? t.substring(0, 200) + "…" : t.isEmpty() ? "(empty)" : t;
    }

    private static SmokeResult passed(SmokeTest test, ContainerResult r) {
        return new SmokeResult(test.name(), r.exitCode(), SmokeOutcome.PASSED, r.durationMs(), "");
    }

    private static SmokeResult result(SmokeTest test, ContainerResult r, Check check, String detail) {
        return new SmokeResult(test.name(), r.exitCode(), SmokeOutcome.failedBy(check), r.durationMs(), detail);
    }
}
