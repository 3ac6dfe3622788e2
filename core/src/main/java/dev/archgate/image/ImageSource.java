package dev.archgate.image;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;

/**
 * Where an image's bytes come from: a registry, the local engine, an OCI layout directory or an
 * OCI archive. Every method may be called from several threads at once.
 */
public interface ImageSource extends Closeable {
    /** What a person calls this image, for reports (e.g. the reference as given). */
    String name();

    /** The index or manifest the image's name points at. */
    RawManifest top() throws IOException;

    /** A manifest by digest (an index entry). */
    RawManifest manifest(String digest) throws IOException;

    /** A blob by digest, as stored (still compressed for layers); the caller closes it. */
    InputStream blob(String digest) throws IOException;

    @Override
    default void close() throws IOException {}
}
