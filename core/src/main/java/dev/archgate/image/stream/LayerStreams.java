package dev.archgate.image.stream;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import dev.archgate.ArchgateException;
import dev.archgate.image.store.ImageSource;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.zip.GZIPInputStream;

/**
 * Opens a layer blob as an uncompressed tar stream: gzip, zstd or none. The magic bytes decide,
 * not the media type: Docker's "tar.gzip" media type is also written for layers a builder left
 * uncompressed, and a zstd layer may be pushed under a gzip type by older tools, while the
 * magic numbers cannot lie. The media type is only consulted to refuse what cannot be read at
 * all (encrypted layers).
 *
 * <p>Three threads share the work so that the scan takes about as long as decompression alone:
 * one reads the blob (which {@link ImageSource} hashes as it passes, so the digest check costs
 * nothing extra), one decompresses (or a child process does, see {@link GzipInflater}), and the
 * caller parses tar headers. Failures come out as
 * {@link ArchgateException}s naming the layer: bytes that do not decompress are a corrupt layer.
 */
public final class LayerStreams {
    private static final int BUFFER = 256 * 1024;

    private LayerStreams() {}

    /** A layer being read: the tar stream, the blob under it, and the child that inflates it, if any. */
    public static final class Opened implements AutoCloseable {
        public final InputStream tar;
        private final InputStream compressed;
        private final ChildInflater child;

        private Opened(InputStream tar, InputStream compressed, ChildInflater child) {
            this.tar = tar;
            this.compressed = compressed;
            this.child = child;
        }

        /**
         * Reads what the tar reader and the decompressor left of the blob (tar end padding, a
         * compression trailer), so that the blob's check at its end runs (and throws on a mismatch);
         * a child inflater must then have fed the whole blob and exited 0.
         */
        public void finish() throws IOException {
            tar.transferTo(OutputStream.nullOutputStream());
            if (child != null) {
                child.finish(); // the child's feeder owns the blob
            } else {
                compressed.transferTo(OutputStream.nullOutputStream());
            }
        }

        public boolean inflatedByChild() {
            return child != null;
        }

        @Override
        public void close() throws IOException {
            try {
                tar.close();
            } finally {
                try {
                    if (child != null) {
                        child.close();
                    }
                } finally {
                    compressed.close();
                }
            }
        }
    }

    /**
     * @param blob the layer as stored, verified as it is read (see {@link ImageSource#layer})
     * @param what the layer for messages: "layer sha256:... of IMAGE"
     * @param limit what this image's layers may unpack to
     * @param inflater what decompresses a gzip layer
     */
    public static Opened open(InputStream blob, String what, String mediaType, ReadLimits limit, GzipInflater inflater) throws IOException {
        if (mediaType != null && mediaType.contains("encrypted")) {
            throw new ArchgateException(what + " is encrypted (" + mediaType + "): archgate cannot look inside it; "
                    + "audit the image before it is encrypted", ArchgateException.Kind.USAGE);
        }
        CountingStream counted = new CountingStream(blob);
        BufferedInputStream head = new BufferedInputStream(counted, BUFFER);
        head.mark(4);
        byte[] magic = head.readNBytes(4);
        head.reset();
        boolean gzip = magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b;
        if (gzip && inflater.command().isPresent()) {
            // The child's feeder thread reads the blob, the child inflates, a read-ahead thread takes
            // its output in large chunks for the tar reader: three cores' worth of work overlapped.
            ChildInflater child = ChildInflater.start(what, inflater.command().get(), head);
            return new Opened(new ReadAheadInputStream(limit.count(child.output(), what, counted::count), what), head, child);
        }
        InputStream compressed = new ReadAheadInputStream(head, what + " (blob)");
        InputStream decompressed;
        if (gzip) {
            decompressed = new CorruptionGuard(decode(() -> new GZIPInputStream(new NonClosingInputStream(compressed), BUFFER), what), what);
        } else if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            decompressed = new CorruptionGuard(decode(() -> new ZstdInputStreamNoFinalizer(new NonClosingInputStream(compressed)), what), what);
        } else {
            // An uncompressed layer: a second thread would only copy bytes.
            return new Opened(limit.count(compressed, what, counted::count), compressed, null);
        }
        return new Opened(new ReadAheadInputStream(limit.count(decompressed, what, counted::count), what), compressed, null);
    }

    private interface Decoder {
        InputStream open() throws IOException;
    }

    private static InputStream decode(Decoder decoder, String what) throws IOException {
        try {
            return decoder.open();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw CorruptContent.of(what, "its header does not decompress (" + e.getMessage() + ")");
        }
    }

    /**
     * Above a decompressor: an I/O failure there is bad compressed data (the source's own failures
     * arrive as {@link ArchgateException}s, which pass through unchanged).
     */
    private static final class CorruptionGuard extends FilterInputStream {
        private final String what;

        CorruptionGuard(InputStream in, String what) {
            super(in);
            this.what = what;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw CorruptContent.of(what, "it does not decompress (" + e.getMessage() + ")");
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw CorruptContent.of(what, "it does not decompress (" + e.getMessage() + ")");
            }
        }
    }

    /** Counts the blob's bytes on the read-ahead thread, for the decompressing side to read. */
    private static final class CountingStream extends FilterInputStream {
        private volatile long count;

        CountingStream(InputStream in) {
            super(in);
        }

        long count() {
            return count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++; // only the read-ahead thread writes it
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
