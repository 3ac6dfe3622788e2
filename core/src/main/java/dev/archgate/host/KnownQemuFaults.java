package dev.archgate.host;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * QEMU releases known to crash where the guest is fine, so that a crash under one of them is reported
 * as the emulator's (emulation.suspect), never as the image's. Each entry names the reports it rests on:
 * <ul>
 * <li>before 5.0 (Ubuntu 20.04's 4.2): Debian 11's arm64 ldconfig dies of SIGSEGV (moby/moby#43039,
 *     Launchpad #1928075; 5.0 fixed it);</li>
 * <li>9.2.0 and 9.2.1: libc-bin's ldconfig dies of SIGSEGV under arm64 emulation ("qemu: uncaught target
 *     signal 11", docker/setup-qemu-action#201 with tonistiigi/binfmt qemu-v9.2.0-51, tonistiigi/binfmt#245
 *     and #231); 9.2.2 carries the fix of QEMU issue 1913, a clash of the guest's brk area with the
 *     vDSO (tonistiigi/binfmt#243, moby/buildkit#5808);</li>
 * <li>10.1.3: the same crash of libc-bin on Ubuntu images (tonistiigi/binfmt#298, open).</li>
 * </ul>
 */
public final class KnownQemuFaults {
    private static final Pattern VERSION = Pattern.compile("\\bversion (\\d+)\\.(\\d+)\\.(\\d+)");
    private static final String FIX = "install a QEMU without it (Debian 12's qemu-user-static 7.2, or tonistiigi/binfmt:qemu-v9.2.2)";

    private record Fault(int[] from, int[] to, String symptom) {}

    private static final List<Fault> FAULTS = List.of(
            new Fault(new int[] {0, 0, 0}, new int[] {4, 99, 99}, "ldconfig dies of SIGSEGV under arm64 emulation (moby/moby#43039)"),
            new Fault(new int[] {9, 2, 0}, new int[] {9, 2, 1}, "ldconfig and other programs die of SIGSEGV under arm64 emulation "
                    + "(docker/setup-qemu-action#201, tonistiigi/binfmt#245)"),
            new Fault(new int[] {10, 1, 3}, new int[] {10, 1, 3}, "libc-bin's ldconfig dies of SIGSEGV on Ubuntu images (tonistiigi/binfmt#298)"));

    /** The exit statuses of a crash (SIGILL, SIGABRT, SIGBUS, SIGSEGV as 128 + signal), not a kill for time or memory (137). */
    private static final Set<Integer> CRASH_STATUSES = Set.of(132, 134, 135, 139);

    private KnownQemuFaults() {}

    /** Whether a container's exit status is a crash that a known-bad QEMU release can cause. */
    public static boolean isCrashStatus(Integer exitCode) {
        return exitCode != null && CRASH_STATUSES.contains(exitCode);
    }

    /**
     * What is known against the QEMU whose version line is {@code version} (e.g. "qemu-aarch64 version
     * 9.2.0 (...)"), as a clause naming the release, its symptom and the fix; empty for a release with no
     * known fault or a version not given.
     */
    public static Optional<String> of(String version) {
        Matcher m = version == null ? null : VERSION.matcher(version);
        if (m == null || !m.find()) {
            return Optional.empty();
        }
        int[] v = {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))};
        return FAULTS.stream().filter(f -> compare(v, f.from()) >= 0 && compare(v, f.to()) <= 0).findFirst()
                .map(f -> "QEMU " + v[0] + "." + v[1] + "." + v[2] + " is a release in which " + f.symptom() + "; " + FIX);
    }

    /** What a crash of the program under {@code emulator} means when that QEMU is a known-bad release, as a smoke result's detail. */
    public static Optional<String> crash(String emulator) {
        return of(emulator).map(fault -> "the program crashed under " + emulator + ", a crash the emulator may have caused, so it says "
                + "nothing of the image: " + fault + ", and run the gate again");
    }

    private static int compare(int[] a, int[] b) {
        for (int i = 0; i < 3; i++) {
            if (a[i] != b[i]) {
                return Integer.compare(a[i], b[i]);
            }
        }
        return 0;
    }
}
