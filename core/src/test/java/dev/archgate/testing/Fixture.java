package dev.archgate.testing;

import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One image of test-fixtures/ with what archgate must say about it, read from the
 * {@code expect.json} beside its Dockerfile.
 *
 * @param audit check ids the static audit must report as errors, per platform; a platform of
 *     {@link #platforms} that is absent here must pass the audit
 * @param smoke likewise for the smoke runs in strict emulation
 * @param auditWarnings check ids the static audit must report as warnings, per platform: the
 *     {@code elf.*} ones exactly (a platform absent here must have no ELF warning), the others
 *     exactly when the fixture lists any
 * @param smokeCommand command to run instead of the entrypoint's default arguments; empty for none
 * @param stdout a regular expression the command's standard output must match; empty for none
 * @param serviceReadySeconds for a service, how long its entrypoint must keep running; 0 otherwise
 */
public record Fixture(
        String name,
        Path directory,
        String description,
        String image,
        List<Platform> platforms,
        Map<Platform, Set<String>> audit,
        Map<Platform, Set<String>> smoke,
        Map<Platform, Set<String>> auditWarnings,
        List<String> smokeCommand,
        String stdout,
        int serviceReadySeconds) {

    public Set<String> auditErrors(Platform platform) {
        return audit.getOrDefault(platform, Set.of());
    }

    /** The warnings the audit must report on this platform, as listed. */
    public Set<String> auditWarnings(Platform platform) {
        return auditWarnings.getOrDefault(platform, Set.of());
    }

    /** Whether the fixture lists warnings besides the ELF ones, which then must match exactly too. */
    public boolean listsOtherWarnings() {
        return auditWarnings.values().stream().flatMap(Set::stream).anyMatch(id -> !id.startsWith("elf."));
    }

    public Set<String> smokeErrors(Platform platform) {
        return smoke.getOrDefault(platform, Set.of());
    }

    @Override
    public String toString() {
        return name;
    }
}
