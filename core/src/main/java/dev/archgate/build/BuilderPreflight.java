package dev.archgate.build;

import dev.archgate.platform.Platform;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Refuses, before anything is built, a platform the builder cannot build: no node lists its
 * architecture and, for a builder on this machine's engine, no QEMU handler here runs it.
 */
public final class BuilderPreflight {
    private BuilderPreflight() {}

    /**
     * @param runsHere whether this machine runs a platform's code (natively or through a working QEMU handler)
     * @return the sentence that refuses the build, empty when the builder can build every platform
     */
    public static Optional<String> refusal(BuildxBuilder builder, List<Platform> platforms, Predicate<Platform> runsHere) {
        List<Platform> refused = platforms.stream().filter(p -> !builder.offers(p) && !(builder.onThisMachine() && runsHere.test(p))).toList();
        if (refused.isEmpty()) {
            return Optional.empty();
        }
        String list = String.join(", ", refused.stream().map(Platform::toString).toList());
        return Optional.of("the buildx builder '" + builder.name() + "' cannot build " + list + ": its nodes offer "
                + String.join(", ", builder.listed()) + (builder.onThisMachine() ? " and this machine has no QEMU handler for "
                + (refused.size() == 1 ? "it" : "them") + "; run 'archgate qemu install " + list.replace(", ", ",") + "', or" : "; ")
                + " add a node of that platform ('docker buildx create --append --name " + builder.name() + " ...')");
    }
}
