package dev.archgate.image;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Opens a layer blob as an uncompressed tar stream: gzip, zstd or none. The magic bytes decide,
 * not the media type: Docker's "tar.gzip" media type is also written for layers a builder left
 * uncompressed, and a zstd layer may be pushed under a gzip type by older tools, while the
 * magic numbers cannot lie. The media type is only consulted to refuse what cannot be read at
 * all (encrypted layers).
 *
 * <p>Three threads share the work so that the scan takes about as long as decompression alone:
 * one reads the blob and hashes it (the digest check costs nothing extra), one decompresses, and
 * the caller parses tar headers. Failures come out as {@link ImageException}s naming the layer:
 * bytes that do not decompress or do not hash to the digest are a corrupt layer, a source that
 * fails while being read is an environment problem.
 */
final class LayerStreams {
    private static final int BUFFER = 256 * 1024;

    private LayerStreams() {}

    /** A layer being read: the tar stream, and the digest check of the bytes under it. */
    static final class Opened implements AutoCloseable {
        final InputStream tar;
        private final InputStream compressed;
        private final HashingStream hashed;
        private final String digest;

        private Opened(InputStream tar, InputStream compressed, HashingStream hashed, String digest) {
            this.tar = tar;
            this.compressed = compressed;
            this.hashed = hashed;
            this.digest = digest;
        }

        /**
         * Reads what the tar reader and the decompressor left of the blob (tar end padding, a
         * compression trailer) and compares the digest of all of it with the expected one.
         */
        void verify() throws IOException {
            tar.transferTo(OutputStream.nullOutputStream());
            compressed.transferTo(OutputStream.nullOutputStream());
            // The hashing thread has put its last chunk only after its last update: the end of
            // the read-ahead stream orders that update before this read of the digest.
            String actual = "sha256:" + HexFormat.of().formatHex(hashed.digest.digest());
            if (!actual.equals(digest)) {
                throw corrupt(digest, "its content hashes to " + actual);
            }
        }

        @Override
        public void close() throws IOException {
            try {
                tar.close();
            } finally {
                compressed.close();
            }
        }
    }

    static Opened open(InputStream blob, String digest, String mediaType) throws IOException {
        if (mediaType != null && mediaType.contains("encrypted")) {
            throw new ImageException("layer " + digest + " is encrypted (" + mediaType + "): archgate cannot look inside it; "
                    + "audit the image before it is encrypted", ImageException.Kind.USAGE);
        }
        HashingStream hashed = new HashingStream(blob, digest);
        BufferedInputStream compressed = new BufferedInputStream(new ReadAheadInputStream(hashed, digest + " (blob)"), BUFFER);
        compressed.mark(4);
        byte[] magic = compressed.readNBytes(4);
        compressed.reset();
        InputStream decompressed;
        if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
            decompressed = new CorruptionGuard(decode(() -> new GZIPInputStream(new NonClosingInputStream(compressed), BUFFER), digest), digest);
        } else if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                && (magic[3] & 0xff) == 0xfd) {
            decompressed = new CorruptionGuard(decode(() -> new ZstdInputStreamNoFinalizer(new NonClosingInputStream(compressed)), digest), digest);
        } else {
            // An uncompressed layer: a second thread would only copy bytes.
            return new Opened(compressed, compressed, hashed, digest);
        }
        return new Opened(new ReadAheadInputStream(decompressed, digest), compressed, hashed, digest);
    }

    private interface Decoder {
        InputStream open() throws IOException;
    }

    private static InputStream decode(Decoder decoder, String digest) throws IOException {
        try {
            return decoder.open();
        } catch (InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw corrupt(digest, "its header does not decompress (" + e.getMessage() + ")");
        }
    }

    static ImageException corrupt(String digest, String why) {
        return new ImageException("layer " + digest + " is corrupt or truncated: " + why + "; push the image again",
                ImageException.Kind.ENVIRONMENT);
    }

    /**
     * Above a decompressor: an I/O failure there is bad compressed data (the source's own failures
     * arrive as {@link ImageException}s, which pass through unchanged).
     */
    private static final class CorruptionGuard extends FilterInputStream {
        private final String digest;

        CorruptionGuard(InputStream in, String digest) {
            super(in);
            this.digest = digest;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw corrupt(digest, "it does not decompress (" + e.getMessage() + ")");
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw corrupt(digest, "it does not decompress (" + e.getMessage() + ")");
            }
        }
    }

    /** Hashes every byte read through it; a failure of the source is reported as the environment's. */
    private static final class HashingStream extends FilterInputStream {
        final MessageDigest digest;
        private final String layer;

        HashingStream(InputStream in, String layer) {
            super(in);
            this.layer = layer;
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n;
            try {
                n = super.read(b, off, len);
            } catch (ImageException | InterruptedIOException e) {
                throw e;
            } catch (IOException e) {
                throw new ImageException("reading layer " + layer + " failed (" + e.getMessage() + "): retry, or check the connection "
                        + "to where the image is stored", ImageException.Kind.ENVIRONMENT, e);
            }
            if (n > 0) {
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            // Every byte must be hashed, so skipping reads.
            byte[] buffer = new byte[(int) Math.min(Math.max(n, 1), 64 * 1024)];
            long done = 0;
            while (done < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - done));
                if (r < 0) {
                    break;
                }
                done += r;
            }
            return done;
        }
    }
}
