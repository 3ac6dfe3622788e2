package dev.archgate.smoke;

import java.util.List;

/**
 * How a container is started: the entrypoint and arguments, and, when strict emulation could
 * build the chain, the QEMU binary to copy in first. {@code verdict} is set when strict emulation
 * already knows the outcome without running (native-platform code of another architecture).
 */
record Launch(List<String> entrypoint, List<String> cmd, boolean throughQemu, boolean entrypointExists, String verdict) {
    static Launch asImageSays(List<String> argv, boolean entrypointExists) {
        return new Launch(argv.isEmpty() ? null : List.of(argv.get(0)), argv.isEmpty() ? null : argv.subList(1, argv.size()),
                false, entrypointExists, null);
    }
}
