package dev.archgate.image.model;

import java.io.Serializable;
import java.util.List;

/** One platform's image manifest: its config and its layers, bottom first. */
public record ImageManifest(String digest, String mediaType, Descriptor config, List<Descriptor> layers) implements Serializable {
    public ImageManifest {
        layers = List.copyOf(layers);
    }

    /** What a node pulls for this variant: the config and every layer blob, as stored (compressed). */
    public long compressedSize() {
        return config.size() + layers.stream().mapToLong(Descriptor::size).sum();
    }
}
