package dev.archgate.smoke;

import dev.archgate.platform.Platform;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Containers made and started ahead of their run ({@link SmokeRunner#speculate}), by the launch they
 * were made for: a run takes one only for exactly its own launch (the same container, so the same
 * verdict), and every other made for that variant is removed, running or not.
 */
final class Speculations {
    /** What a container made ahead of its run was made for. */
    record Key(String image, Platform platform, Launch launch, List<String> env) {}

    private final SmokeContainers containers;
    private final Map<Key, StartedContainer> byLaunch = new ConcurrentHashMap<>();

    Speculations(SmokeContainers containers) {
        this.containers = containers;
    }

    void put(Key key, StartedContainer started) {
        byLaunch.put(key, started);
    }

    /** The container started ahead for exactly this launch and still followed, else null; the variant's others are removed. */
    StartedContainer take(Key key) throws InterruptedException {
        StartedContainer started = byLaunch.remove(key);
        discard(key.image(), key.platform()); // made for another launch: no run takes it
        if (started != null && started.watch().await(0) == ContainerWatch.End.BROKEN) {
            // Followed since before a long read, past the engine client's response timeout: made again.
            started.watch().close();
            containers.remove(started.id());
            return null;
        }
        return started;
    }

    /** Removes the containers made ahead for this variant that no run took. */
    void discard(String image, Platform platform) {
        byLaunch.entrySet().removeIf(e -> {
            if (e.getKey().image().equals(image) && e.getKey().platform().equals(platform)) {
                e.getValue().watch().close();
                containers.remove(e.getValue().id());
                return true;
            }
            return false;
        });
    }

    int size() {
        return byLaunch.size();
    }
}
