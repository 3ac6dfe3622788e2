package dev.archgate.cli;

import dev.archgate.spec.ByteSizes;
import dev.archgate.spec.PolicyLimits;
import dev.archgate.spec.SpecDraft;
import picocli.CommandLine.Option;

/** The limits of the image design checks (archgate.yml's policy:), for the commands that audit. */
final class PolicyOptions {
    @Option(names = "--size-budget", paramLabel = "SIZE",
            description = "Most a platform's variant may weigh compressed, e.g. 150MiB (policy.size-budget; an error above it).")
    String sizeBudget;

    @Option(names = "--wasted-bytes", paramLabel = "SIZE",
            description = "Bytes hidden by later layers above which policy.wasted-bytes warns (policy.wasted-bytes; default 10MiB).")
    String wastedBytes;

    SpecDraft applyTo(SpecDraft d) {
        if (sizeBudget != null) {
            d = d.withPolicy(PolicyLimits.sizeBudget(ByteSizes.parse(sizeBudget, "--size-budget")));
        }
        if (wastedBytes != null) {
            d = d.withPolicy(PolicyLimits.wastedBytes(ByteSizes.parse(wastedBytes, "--wasted-bytes")));
        }
        return d;
    }
}
