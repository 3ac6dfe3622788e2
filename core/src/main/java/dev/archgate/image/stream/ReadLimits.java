package dev.archgate.image.stream;

import dev.archgate.ArchgateException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What reading one platform's layers may take, so that a hostile image ends in seconds with an
 * environment error instead of running for minutes or out of memory.
 *
 * <p>Bytes: a decompression bomb (10 GB of zeros in a 10 MB gzip layer) must end in seconds. A
 * layer may unpack to {@value #RATIO} times the compressed bytes read so far (what was really
 * read, not the size a descriptor claims), and always to {@value #FLOOR_BYTES} bytes; all layers
 * of one image together to {@value #IMAGE_BYTES} bytes. Real layers compress 2-10 fold; the ratio
 * is met only by long runs of zeros, in practice a sparse file such as the /var/log/lastlog that
 * {@code useradd} without {@code -l} writes for a large UID, which the message names. The 10 GB
 * bomb stops after 1.5 GB, in about 10 s here; at the ~175 MB/s that gzip unpacks real data, the
 * image cap bounds any image to about six minutes.
 *
 * <p>Entries: the facts of every file stay in memory, so an image may hold one entry per
 * {@value #HEAP_BYTES_PER_ENTRY} bytes of the JVM's maximum heap: about a million with -Xmx256m,
 * about 4.2 million with the 1 GiB that bin/archgate gives it. Measured with JOL's GraphLayout on
 * HostileImagesIT's shape (empty files named f/NNNN/NNNNNNN): the merged filesystem retains 144
 * bytes per entry (a 48-byte {@code FileFacts}, whose rarer facts live in a {@code FileFacts.Details}
 * plain files do without; its path, 56; the tree map's node, 40), and while the layers are merged
 * up to about 60 more are live (21 for the change list's wrapper and slot, by JOL; the space
 * accounting's list and identity set, by their layout); HostileImagesIT audits a million such
 * files in a 256 MiB heap.
 */
public final class ReadLimits {
    static final int RATIO = 200;
    static final long FLOOR_BYTES = 1L << 30;
    static final long IMAGE_BYTES = 64L << 30;

    static final int HEAP_BYTES_PER_ENTRY = 256;

    private final AtomicLong imageTotal;
    private final AtomicLong entries;
    /** What this read of one layer added to the image's counts, taken back if the read is done again. */
    private final AtomicLong ownBytes = new AtomicLong();
    private final AtomicLong ownEntries = new AtomicLong();
    private final long maxEntries = Runtime.getRuntime().maxMemory() / HEAP_BYTES_PER_ENTRY;

    private ReadLimits(AtomicLong imageTotal, AtomicLong entries) {
        this.imageTotal = imageTotal;
        this.entries = entries;
    }

    /** Fresh limits for one platform's image. */
    public static ReadLimits perImage() {
        return new ReadLimits(new AtomicLong(), new AtomicLong());
    }

    /** The same image's limits for one read of one layer, which {@link #undo} can take back. */
    public ReadLimits attempt() {
        return new ReadLimits(imageTotal, entries);
    }

    /** Takes back what this attempt counted: the layer is about to be read again from its start. */
    public void undo() {
        imageTotal.addAndGet(-ownBytes.getAndSet(0));
        entries.addAndGet(-ownEntries.getAndSet(0));
    }

    /** Counts one tar entry of the layer {@code what}. */
    public void entry(String what) {
        ownEntries.incrementAndGet();
        if (entries.incrementAndGet() > maxEntries) {
            throw new ArchgateException(tooManyEntries(what), ArchgateException.Kind.ENVIRONMENT);
        }
    }

    private static String tooManyEntries(String what) {
        return "the image holding " + what + " has more files than archgate can check in its " + heapMb() + " MiB heap (one per "
                + HEAP_BYTES_PER_ENTRY + " bytes): " + largerHeap();
    }

    /** What to say when reading the layers ran out of memory all the same (several platforms at once, a huge tar header). */
    public static String outOfMemory(String image) {
        return "reading the layers of " + image + " needs more than archgate's " + heapMb() + " MiB heap: " + largerHeap();
    }

    private static long heapMb() {
        return Runtime.getRuntime().maxMemory() >> 20;
    }

    private static String largerHeap() {
        return "run it with a larger heap, e.g. ARCHGATE_JAVA_OPTS=-Xmx" + Math.max(1, heapMb() * 4 / 1024) + "g";
    }

    /**
     * The uncompressed stream of one layer, counted against both limits.
     *
     * @param compressed how many bytes of the blob have been read so far: the ratio is held to
     *     what was really read, not to the size a (possibly hostile) descriptor claims
     */
    public InputStream count(InputStream uncompressed, String what, LongSupplier compressed) {
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
                long read = compressed.getAsLong();
                if (layerTotal > FLOOR_BYTES && layerTotal > RATIO * read) {
                    throw new ArchgateException(what + " unpacks to more than " + RATIO + " times the " + read + " compressed bytes read "
                            + "so far (" + layerTotal + " bytes), where archgate stops (a decompression bomb, or a huge sparse file "
                            + "such as /var/log/lastlog from useradd without -l): rebuild the image without it",
                            ArchgateException.Kind.ENVIRONMENT);
                }
                ownBytes.addAndGet(n);
                if (imageTotal.addAndGet(n) > IMAGE_BYTES) {
                    throw new ArchgateException("the layers of the image holding " + what + " unpack to more than " + IMAGE_BYTES
                            + " bytes, where archgate stops: audit a smaller image", ArchgateException.Kind.ENVIRONMENT);
                }
            }
        };
    }
}
