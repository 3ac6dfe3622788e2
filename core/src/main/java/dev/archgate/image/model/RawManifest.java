package dev.archgate.image.model;

/** A manifest or index as a source served it: its media type, digest and bytes. */
public record RawManifest(String mediaType, String digest, byte[] bytes) {
    public boolean isIndex() {
        return MediaTypes.INDEXES.contains(mediaType);
    }
}
