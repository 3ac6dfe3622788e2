package dev.archgate.image;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads its source on a thread of its own, a few chunks ahead of the reader, so that a layer's
 * decompression (and digest) runs on one core while the tar entries are parsed on another: the
 * scan then takes about as long as decompression alone.
 */
final class ReadAheadInputStream extends InputStream {
    private static final int CHUNK = 1 << 20;
    private static final int DEPTH = 4;
    private static final Chunk END = new Chunk(new byte[0], 0, null);

    private record Chunk(byte[] bytes, int length, IOException failure) {}

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(DEPTH);
    private final Thread producer;
    private Chunk current = new Chunk(new byte[0], 0, null);
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, String name) {
        producer = new Thread(() -> produce(source), "archgate-read-ahead " + name);
        producer.setDaemon(true);
        producer.start();
    }

    private void produce(InputStream source) {
        try {
            while (true) {
                byte[] buffer = new byte[CHUNK];
                int n = source.readNBytes(buffer, 0, CHUNK);
                if (n > 0) {
                    queue.put(new Chunk(buffer, n, null));
                }
                if (n < CHUNK) {
                    queue.put(END);
                    return;
                }
            }
        } catch (IOException e) {
            try {
                queue.put(new Chunk(null, 0, e));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reader closed early
        }
    }

    private boolean fill() throws IOException {
        while (!ended && position >= current.length()) {
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a layer");
            }
            position = 0;
            if (current.failure() != null) {
                throw current.failure();
            }
            if (current == END) {
                ended = true;
            }
        }
        return !ended || position < current.length();
    }

    @Override
    public int read() throws IOException {
        return fill() ? current.bytes()[position++] & 0xff : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, b, off, n);
        position += n;
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long done = 0;
        while (done < n && fill()) {
            int step = (int) Math.min(n - done, current.length() - position);
            position += step;
            done += step;
        }
        return done;
    }

    @Override
    public void close() {
        producer.interrupt();
    }
}
