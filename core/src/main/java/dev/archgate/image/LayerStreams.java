package dev.archgate.image;

import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.zip.GZIPInputStream;

/**
 * Opens a layer blob as an uncompressed tar stream: gzip, zstd or none, by the magic bytes (media
 * types lie: Docker's "tar.gzip" layers may be anything a builder chose), while the compressed
 * bytes are hashed so that {@link #verify} can prove the blob is the one the manifest named.
 */
final class LayerStreams {
    private static final int BUFFER = 256 * 1024;

    private LayerStreams() {}

    /** A layer being read: the tar stream, and the digest check of the bytes under it. */
    static final class Opened implements AutoCloseable {
        final InputStream tar;
        private final HashingStream hashed;
        private final String digest;

        private Opened(InputStream tar, HashingStream hashed, String digest) {
            this.tar = tar;
            this.hashed = hashed;
            this.digest = digest;
        }

        /** Reads what the decompressor left of the blob and compares its digest with the expected one. */
        void verify() throws IOException {
            tar.transferTo(OutputStream.nullOutputStream()); // the tar's end padding, through the read-ahead thread
            hashed.drain();
            String actual = "sha256:" + HexFormat.of().formatHex(hashed.digest.digest());
            if (!actual.equals(digest)) {
                throw new ImageException("layer " + digest + " is corrupt: its content hashes to " + actual
                        + "; push the image again", ImageException.Kind.USAGE);
            }
        }

        @Override
        public void close() throws IOException {
            tar.close();
        }
    }

    static Opened open(InputStream blob, String digest) throws IOException {
        HashingStream hashed = new HashingStream(blob);
        BufferedInputStream buffered = new BufferedInputStream(hashed, BUFFER);
        buffered.mark(4);
        byte[] magic = buffered.readNBytes(4);
        buffered.reset();
        InputStream tar;
        try {
            if (magic.length >= 2 && (magic[0] & 0xff) == 0x1f && (magic[1] & 0xff) == 0x8b) {
                // Tar reads 512-byte records; a buffer above the decompressor keeps that from
                // becoming one native inflate call per record.
                tar = new BufferedInputStream(new GZIPInputStream(buffered, BUFFER), BUFFER);
            } else if (magic.length == 4 && (magic[0] & 0xff) == 0x28 && (magic[1] & 0xff) == 0xb5 && (magic[2] & 0xff) == 0x2f
                    && (magic[3] & 0xff) == 0xfd) {
                tar = new BufferedInputStream(new ZstdInputStreamNoFinalizer(buffered), BUFFER);
            } else {
                tar = buffered;
            }
        } catch (IOException e) {
            throw new ImageException("layer " + digest + " is corrupt (" + e.getMessage() + "); push the image again",
                    ImageException.Kind.USAGE, e);
        }
        return new Opened(new ReadAheadInputStream(tar, digest), hashed, digest);
    }

    /** Hashes every byte read through it. */
    private static final class HashingStream extends FilterInputStream {
        final MessageDigest digest;

        HashingStream(InputStream in) {
            super(in);
            try {
                digest = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every JVM has SHA-256", e);
            }
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                digest.update((byte) b);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                digest.update(b, off, n);
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[(int) Math.min(n, 64 * 1024)];
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

        void drain() throws IOException {
            byte[] buffer = new byte[64 * 1024];
            while (read(buffer, 0, buffer.length) >= 0) {
                // hash the rest: gzip trailers and tar padding after the last entry
            }
        }
    }
}
