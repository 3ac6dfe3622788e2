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
 * @param smokeCommand command to run instead of the entrypoint's default arguments; empty for none
 * @param stdout a regular expression the command's standard output must match; empty for none
 * @param serviceReadySeconds for a service, how long its entrypoint must keep running; 0 otherwise
 * @param auditWarnings check ids the static audit must report as warnings, per platform (a
 *     platform absent here must have none); null when the expectation does not say
 */
public record Fixture(
        String name,
        Path directory,
        String description,
        String image,
        List<Platform> platforms,
        Map<Platform, Set<String>> audit,
        Map<Platform, Set<String>> smoke,
        List<String> smokeCommand,
        String stdout,
        int serviceReadySeconds,
        Map<Platform, Set<String>> auditWarnings) {

    public Set<String> auditErrors(Platform platform) {
        return audit.getOrDefault(platform, Set.of());
    }

    /** The warnings the audit must report on this platform; empty when the expectation does not say which. */
    public java.util.Optional<Set<String>> auditWarnings(Platform platform) {
        return auditWarnings == null ? java.util.Optional.empty() : java.util.Optional.of(auditWarnings.getOrDefault(platform, Set.of()));
    }

    public Set<String> smokeErrors(Platform platform) {
        return smoke.getOrDefault(platform, Set.of());
    }

    @Override
    public String toString() {
        return name;
    }
}
