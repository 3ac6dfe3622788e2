package dev.archgate.host;

import dev.archgate.platform.Platform;

/**
 * What binfmt_misc says about the handler of one platform. {@code registered} false means no
 * entry at all; {@code fixBinary} is the F flag, without which containers (another root) cannot
 * reach the interpreter; {@code flags} are all its flags as binfmt_misc lists them (F fix-binary, P
 * preserve-argv0, C credentials, O open-binary; Documentation/admin-guide/binfmt-misc.rst), "" for none.
 */
public record BinfmtHandler(Platform platform, String name, boolean registered, boolean enabled, boolean fixBinary,
                            String interpreter, boolean interpreterPresent, String flags) {

    /** Why this handler cannot run the platform's code in containers; null when it can. */
    public String problem() {
        if (!registered) {
            return "no binfmt_misc handler " + name + " is registered, so " + platform + " code cannot run here: run 'archgate qemu install "
                    + platform + "'";
        }
        if (!enabled) {
            return "the binfmt_misc handler " + name + " is disabled, so " + platform + " code cannot run here: run 'archgate qemu install "
                    + platform + "'";
        }
        if (!fixBinary) {
            return "the binfmt_misc handler " + name + " lacks the F flag, so containers cannot use it: run 'archgate qemu install " + platform + "'";
        }
        if (!interpreterPresent && !fixBinary) {
            // With the F flag the kernel keeps the interpreter open since registration; without it, it must exist now.
            return "the binfmt_misc handler " + name + " points at " + interpreter + ", which does not exist: install qemu-user-static";
        }
        return null;
    }
}
