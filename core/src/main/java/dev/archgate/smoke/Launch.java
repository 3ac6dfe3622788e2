package dev.archgate.smoke;

import java.util.List;

/**
 * How a container is started: the entrypoint and arguments, and whether the platform's QEMU is
 * copied in first. {@code verdict} is set when strict emulation already knows the outcome without
 * running (native-platform code of another architecture); {@code unresolved} when strict emulation
 * cannot tell what to wrap, so nothing may start.
 */
record Launch(List<String> entrypoint, List<String> cmd, boolean throughQemu, boolean entrypointExists, String verdict, String unresolved) {
    static Launch asImageSays(List<String> argv, boolean entrypointExists) {
        return new Launch(argv.isEmpty() ? null : List.of(argv.get(0)), argv.isEmpty() ? null : argv.subList(1, argv.size()),
                false, entrypointExists, null, null);
    }

    static Launch throughQemu(String qemu, List<String> programArgv) {
        return new Launch(List.of(qemu), programArgv, true, true, null, null);
    }

    static Launch judged(String verdict) {
        return new Launch(null, null, false, true, verdict, null);
    }

    static Launch unresolved(String why) {
        return new Launch(null, null, false, true, null, why);
    }
}
