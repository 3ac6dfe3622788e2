package dev.archgate.cli;

import dev.archgate.spec.ByteSizes;
import dev.archgate.spec.SpecOverrides;
import picocli.CommandLine.Option;

/** The limits of the image design checks (archgate.yml's policy:), for the commands that audit. */
final class PolicyOptions {
    @Option(names = "--size-budget", paramLabel = "SIZE",
            description = "Most a platform's variant may weigh compressed, e.g. 150MiB (policy.size-budget; an error above it).")
    String sizeBudget;

    @Option(names = "--wasted-bytes", paramLabel = "SIZE",
            description = "Bytes hidden by later layers above which policy.wasted-bytes warns (policy.wasted-bytes; default 10MiB).")
    String wastedBytes;

    SpecOverrides.Builder addTo(SpecOverrides.Builder overrides) {
        return overrides.sizeBudget(sizeBudget == null ? null : ByteSizes.parse(sizeBudget, "--size-budget"))
                .wastedBytes(wastedBytes == null ? null : ByteSizes.parse(wastedBytes, "--wasted-bytes"));
    }
}
