package dev.archgate.image.stream;

import java.io.FilterInputStream;
import java.io.InputStream;

/**
 * A view of a stream whose close does not close the stream: for readers (a tar reader, a
 * decompressor) that close what they read, over a stream that must still be drained afterwards
 * to finish its digest.
 */
public final class NonClosingInputStream extends FilterInputStream {
    public NonClosingInputStream(InputStream in) {
        super(in);
    }

    @Override
    public void close() {
        // the owner closes the underlying stream once it is verified
    }
}
