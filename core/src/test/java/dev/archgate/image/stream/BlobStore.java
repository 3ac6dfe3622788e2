package dev.archgate.image.stream;

import dev.archgate.image.model.Descriptor;
import dev.archgate.image.store.ContentStore;
import java.io.IOException;
import java.io.InputStream;

/** A store that serves only blobs, each from {@link Blobs}: for tests that read layers directly. */
final class BlobStore implements ContentStore {
    /** The blob served for a descriptor, asked again on every read. */
    interface Blobs {
        InputStream open(Descriptor blob) throws IOException;
    }

    private final String name;
    private final Blobs blobs;

    BlobStore(String name, Blobs blobs) {
        this.name = name;
        this.blobs = blobs;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Served top() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Served manifest(Descriptor d) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InputStream blob(Descriptor d) throws IOException {
        return blobs.open(d);
    }
}
