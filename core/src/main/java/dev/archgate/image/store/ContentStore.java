package dev.archgate.image.store;

import dev.archgate.image.model.Descriptor;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image's bytes are stored, read without any trust: a registry, the engine's export, an
 * OCI layout or archive. A store only finds and serves bytes; it never hashes them. Every read
 * goes through {@link ImageSource}, the one place that checks them against the digest (and size)
 * they were asked by, so a new store cannot forget to (as go-containerregistry keeps validation
 * apart from its remote, daemon, layout and tarball sources).
 */
public interface ContentStore extends Closeable {
    /** What a person calls this image, for reports (e.g. the reference as given). */
    String name();

    /** The index or manifest the image's name points at, with the digest the store says it has. */
    Served top() throws IOException;

    /** A manifest an index entry names. */
    Served manifest(Descriptor manifest) throws IOException;

    /** A blob (config or layer) as stored, still compressed for layers; the caller closes it. */
    InputStream blob(Descriptor blob) throws IOException;

    @Override
    default void close() throws IOException {}

    /**
     * Bytes as a store serves them, with what it claims about them, none of it checked yet.
     *
     * @param digest the digest they are served under; null when the store cannot say (a registry
     *     that answers a tag without Docker-Content-Digest), and then there is nothing to check
     * @param size the size the store's own index gives, or -1
     * @param mediaType the media type the store states, or "" (then the JSON's own field decides)
     */
    record Served(String digest, long size, String mediaType, InputStream body) {
        public Served {
            mediaType = mediaType == null ? "" : mediaType;
        }
    }
}
