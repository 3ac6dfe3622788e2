package dev.archgate.image.model;

import dev.archgate.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An image resolved for the requested platforms: the digest of what was checked, and for each
 * platform its variant, or none when the index has no entry for it.
 *
 * @param offered the platform labels the index lists, attestations excluded, for messages
 */
public record ResolvedImage(String name, String digest, boolean isIndex, List<String> offered, Map<Platform, Optional<PlatformImage>> variants) {
    public ResolvedImage {
        offered = List.copyOf(offered);
        variants = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(variants)); // in the order asked for
    }
}
