package dev.archgate.image;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * How many uncompressed bytes one platform's layers may unpack to, so that a decompression bomb
 * (10 GB of zeros in a 10 MB gzip layer) ends in seconds instead of running for minutes. A layer
 * may unpack to {@value #RATIO} times its compressed size, and always to {@value #FLOOR_BYTES}
 * bytes; all layers of one image together to {@value #IMAGE_BYTES} bytes. Real layers compress
 * 2-10 fold; the ratio is met only by long runs of zeros, in practice a sparse file such as the
 * /var/log/lastlog that {@code useradd} without {@code -l} writes for a large UID, which the
 * message names. At the ~175 MB/s that gzip unpacks real data here, the image cap is a bound of
 * about six minutes; zeros unpack several times faster, so a bomb stops within seconds.
 */
final class UnpackLimit {
    static final int RATIO = 200;
    static final long FLOOR_BYTES = 1L << 30;
    static final long IMAGE_BYTES = 64L << 30;

    private final AtomicLong imageTotal = new AtomicLong();

    /** A fresh limit for one platform's image. */
    static UnpackLimit perImage() {
        return new UnpackLimit();
    }

    /**
     * The uncompressed stream of one layer, counted against both limits.
     *
     * @param compressedSize the layer's size as its descriptor gives it, -1 when absent (then only
     *     the image cap holds)
     */
    InputStream count(InputStream uncompressed, String what, long compressedSize) {
        long layerLimit = compressedSize < 0 || compressedSize > IMAGE_BYTES / RATIO ? IMAGE_BYTES
                : Math.max(FLOOR_BYTES, compressedSize * RATIO);
        return new FilterInputStream(uncompressed) {
            private long layerTotal;

            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    add(1);
                }
                return b;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                int n = super.read(b, off, len);
                if (n > 0) {
                    add(n);
                }
                return n;
            }

            @Override
            public long skip(long n) throws IOException {
                long skipped = super.skip(n);
                if (skipped > 0) {
                    add(skipped);
                }
                return skipped;
            }

            private void add(long n) {
                layerTotal += n;
                if (layerTotal > layerLimit) {
                    throw new ImageException(what + " unpacks to more than " + layerLimit + " bytes, " + (compressedSize < 0 ? ""
                            : "over " + RATIO + " times its " + compressedSize + " compressed bytes, ") + "where archgate stops (a "
                            + "decompression bomb, or a huge sparse file such as /var/log/lastlog from useradd without -l): rebuild the "
                            + "image without it", ImageException.Kind.ENVIRONMENT);
                }
                if (imageTotal.addAndGet(n) > IMAGE_BYTES) {
                    throw new ImageException("the layers of the image holding " + what + " unpack to more than " + IMAGE_BYTES
                            + " bytes, where archgate stops: audit a smaller image", ImageException.Kind.ENVIRONMENT);
                }
            }
        };
    }
}
