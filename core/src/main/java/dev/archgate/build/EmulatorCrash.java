package dev.archgate.build;

import dev.archgate.host.KnownQemuFaults;
import java.util.Locale;

/**
 * A build step that died because the emulator did, not because of the Dockerfile: QEMU's own crash
 * ("QEMU internal SIGSEGV {...}", linux-user/signal.c) or ldconfig dying of SIGSEGV under emulation.
 * Distributions' ldconfig does not crash on the hardware it was built for; under known QEMU releases
 * it does, in every RUN step that installs packages (libc-bin's trigger runs it), and buildx then
 * reports the step as failed. The words are those of the reports (tonistiigi/binfmt#245, buildx
 * 0.20.1 with QEMU 9.2.0; docker/setup-qemu-action#201):
 * <pre>
 * Setting up libc-bin (2.35-0ubuntu3.9) ...
 * qemu: uncaught target signal 11 (Segmentation fault) - core dumped
 * Segmentation fault (core dumped)
 * dpkg: error processing package libc-bin (--configure):
 *  installed libc-bin package post-installation script subprocess returned error exit status 139
 * ERROR: process "/bin/sh -c apt-get upgrade --assume-yes" did not complete successfully: exit code: 100
 * </pre>
 */
final class EmulatorCrash {
    private boolean internal;
    private boolean guestSegfault;
    private boolean ldconfig;
    private String evidence;

    /** Takes one line of a step's output. */
    void line(String line) {
        String l = line.toLowerCase(Locale.ROOT);
        if (l.contains("qemu internal sig")) {
            internal = true;
            evidence = line.trim();
        } else if (l.contains("qemu: uncaught target signal 11")) {
            guestSegfault = true;
            evidence = evidence == null ? line.trim() : evidence;
        }
        ldconfig |= l.contains("ldconfig") || l.contains("libc-bin");
    }

    /** Whether the step's output says the emulator crashed (QEMU's own crash, or ldconfig's segfault under QEMU). */
    boolean happenedIn(String step) {
        return internal || (guestSegfault && (ldconfig || step.toLowerCase(Locale.ROOT).contains("ldconfig")));
    }

    /**
     * The environment failure this step's crash is, or null when nothing says the emulator crashed.
     *
     * @param step the step's name, e.g. "[linux/arm64 2/3] RUN apt-get install -y curl"
     * @param emulator the QEMU that ran the builder's steps of the platform (its version line and handler,
     *     {@code Binfmt.emulator}), null when not known (an engine or builder elsewhere): a known-bad release is named
     */
    BuildFailure failure(String step, String platform, String emulator) {
        if (!happenedIn(step)) {
            return null;
        }
        String what = internal ? "QEMU itself crashed" : "ldconfig died of SIGSEGV under QEMU, which a distribution's ldconfig does only "
                + "under known QEMU faults (docker/setup-qemu-action#201, tonistiigi/binfmt#245)";
        String fix = KnownQemuFaults.of(emulator).map(fault -> "the builder's QEMU is " + emulator + ": " + fault)
                .orElse("install a QEMU without the fault (Debian 12's qemu-user-static 7.2, or tonistiigi/binfmt:qemu-v9.2.2)");
        return BuildFailure.environment("the emulator failed, not the image, while building " + platform + " at " + step + ": " + what
                + " (" + evidence + "); " + fix + ", or build " + platform + " on its own hardware, and run the gate again");
    }
}
