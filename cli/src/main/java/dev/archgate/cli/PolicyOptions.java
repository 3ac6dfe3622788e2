package dev.archgate.cli;

import dev.archgate.spec.ByteSizes;
import dev.archgate.spec.SettingsBuilder;
import picocli.CommandLine.Option;

/** The limits of the image design checks (archgate.yml's policy:), for the commands that audit. */
final class PolicyOptions {
    @Option(names = "--size-budget", paramLabel = "SIZE",
            description = "Most a platform's variant may weigh compressed, e.g. 150MiB (policy.size-budget; an error above it).")
    String sizeBudget;

    @Option(names = "--wasted-bytes", paramLabel = "SIZE",
            description = "Bytes hidden by later layers above which policy.wasted-bytes warns (policy.wasted-bytes; default 10MiB).")
    String wastedBytes;

    @Option(names = "--page-size", paramLabel = "PLATFORM=SIZE", description = "The page size of a platform's kernels (4k, 16k, 64k): "
            + "every ELF file must load under it (hardware.page-size; elf.page-size is then an error below it).")
    java.util.Map<String, String> pageSize = new java.util.LinkedHashMap<>();

    @Option(names = "--hardware-cpu", paramLabel = "PLATFORM=CPU", description = "The CPU of a platform's oldest machine, e.g. "
            + "linux/arm64=cortex-a72, linux/s390x=z14: the baseline of elf.cpu-level and the CPU strict smoke runs emulate (hardware.cpu).")
    java.util.Map<String, String> hardwareCpu = new java.util.LinkedHashMap<>();

    SettingsBuilder addTo(SettingsBuilder overrides) {
        return overrides.hardwarePageSize(pageSize).hardwareCpu(hardwareCpu).sizeBudget(sizeBudget == null ? null : ByteSizes.parse(sizeBudget, "--size-budget"))
                .wastedBytes(wastedBytes == null ? null : ByteSizes.parse(wastedBytes, "--wasted-bytes"));
    }
}
