package dev.archgate.spec;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import dev.archgate.platform.Platform;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Everything one gate run needs, from archgate.yml (version 1) with command-line overrides
 * applied. Exactly one of {@code build} and {@code image} is set.
 *
 * @param checkLevels per check, the severity to report it with or off; absent checks keep their own
 * @param ignorePaths globs of image paths the file checks leave alone (e.g. firmware blobs)
 * @param insecureRegistries registries reached over plain http besides loopback ones
 * @param machines the buildx builder and the Docker engine of each platform, when not the local ones
 * @param emulationCpu per platform, the QEMU CPU model strict smoke runs emulate instead of the
 *     platform's baseline (for a fleet newer than the baseline)
 * @param policy the limits of the image design checks (size budget, wasted bytes)
 * @param hardware what the platforms' machines are (page size, oldest CPU), where more than the platform promises
 */
public record GateSpec(
        BuildSpec build,
        String image,
        List<Platform> platforms,
        List<SmokeTest> smoke,
        boolean strictEmulation,
        boolean installEmulation,
        Map<Check, CheckLevel> checkLevels,
        List<String> ignorePaths,
        Path reportDir,
        List<String> promote,
        List<String> insecureRegistries,
        Machines machines,
        Map<Platform, String> emulationCpu,
        PolicyLimits policy,
        HardwarePolicy hardware) implements Serializable {

    public GateSpec {
        platforms = List.copyOf(platforms);
        smoke = List.copyOf(smoke);
        checkLevels = Map.copyOf(checkLevels);
        ignorePaths = List.copyOf(ignorePaths);
        promote = List.copyOf(promote);
        insecureRegistries = List.copyOf(insecureRegistries);
        java.util.Objects.requireNonNull(machines, "machines");
        emulationCpu = Map.copyOf(emulationCpu);
        java.util.Objects.requireNonNull(policy, "policy");
        java.util.Objects.requireNonNull(hardware, "hardware");
        if ((build == null) == (image == null)) {
            throw ArchgateException.usage("give either build (a context to build) or image (a reference to gate), not "
                    + (build == null ? "neither" : "both"));
        }
        if (platforms.isEmpty()) {
            throw ArchgateException.usage("platforms is empty: list at least one, e.g. [linux/amd64, linux/arm64]");
        }
    }
}
