package dev.archgate.spec;

import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * What an adapter's own settings say (CLI flags, action inputs, Jenkins step parameters): one immutable value every
 * adapter fills through {@link #builder()}, as jib's Maven and Gradle plugins fill one RawConfiguration, and
 * {@link SpecAssembler} turns into a run's spec. Each setting given replaces or merges into its archgate.yml key
 * ({@link SpecAssembler#apply} says how), each one absent (null, or an empty collection) leaves the file's value.
 *
 * @param config archgate.yml as the user named it (relative to the adapter's base directory); null: the usual one, if any
 * @param image an image to gate instead of building; it replaces a build of the file
 * @param context a directory to build; it replaces an image of the file
 * @param platforms comma-separated, as on a command line: {@code linux/amd64,linux/arm64}
 * @param buildArgs merged into the file's build arguments
 * @param labels build.labels, merged into the file's
 * @param secrets build.secrets, as buildx's --secret takes them ({@code id=ID,src=PATH} or {@code id=ID,env=VAR})
 * @param provenance build.provenance (and {@code sbom}): true, false or buildx's attestation options such as {@code mode=max}
 * @param smoke smoke tests that replace the file's {@code smoke:} list, for an adapter that takes several (the
 *     Jenkins step); the single-test settings ({@code smokeCommand} to {@code timeout}) describe one instead
 * @param smokeCommand the words of the one smoke command (empty: the image's entrypoint)
 * @param buildxBuilder the buildx builder (build.builder)
 * @param checks check ids to levels, validated like {@code checks:}, merged into the file's
 * @param engines per platform, the engine that runs its smoke tests; merged into the file's engines: platform by platform
 * @param emulationCpu per platform, the QEMU CPU model to emulate; merged into the file's emulation.cpu
 * @param hardwarePageSize per platform, the page size its files must load under (hardware.page-size: 4k, 16k, 64k)
 * @param hardwareCpu per platform, the CPU of its oldest machine (hardware.cpu: cortex-a72, z14, power9, x86-64-v2 ...)
 * @param sizeBudget policy.size-budget (and {@code wastedBytes}: policy.wasted-bytes), in bytes, as {@link ByteSizes#parse} reads them
 */
public record Settings(String config, String image, Path context, Path dockerfile, String platforms, List<String> tags, Boolean push,
        Map<String, String> buildArgs, String target, Map<String, String> labels, List<String> annotations, List<String> secrets,
        List<String> cacheFrom, List<String> cacheTo, String provenance, String sbom, Boolean noCache, Boolean pull,
        List<SmokeTest> smoke, List<String> smokeCommand, SmokeTest.Mode smokeMode, Integer expectExit, String expectStdout,
        Duration timeout, Boolean strictEmulation, Boolean installEmulation, Map<String, String> checks, List<String> ignorePaths,
        Path reportDir, List<String> promote, List<String> insecureRegistries, String buildxBuilder, Map<Platform, EngineEndpoint> engines,
        Map<Platform, String> emulationCpu, Map<String, String> hardwarePageSize, Map<String, String> hardwareCpu, Long sizeBudget,
        Long wastedBytes) {

    public static SettingsBuilder builder() {
        return new SettingsBuilder();
    }

    /** A buildx option beyond the context, file, tags, push, arguments and target. */
    boolean optionsGiven() {
        return !labels.isEmpty() || !annotations.isEmpty() || !secrets.isEmpty() || !cacheFrom.isEmpty() || !cacheTo.isEmpty()
                || provenance != null || sbom != null || noCache != null || pull != null;
    }

    /** One smoke test described by its parts rather than given as a list. */
    boolean smokeGiven() {
        return smokeCommand != null || smokeMode != null || expectExit != null || expectStdout != null || timeout != null;
    }
}
