package dev.archgate.image.stream;

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

    /** A chunk of bytes, the end (empty), or what the source threw (an I/O or unchecked failure). */
    private record Chunk(byte[] bytes, int length, Throwable failure) {}

    private final BlockingQueue<Chunk> queue = new ArrayBlockingQueue<>(DEPTH);
    /**
     * Chunk buffers the reader has finished with, for the producer to fill again: a layer of a
     * gigabyte would otherwise leave a thousand dead 1 MiB arrays, each too large for the young
     * generation, and JDK 25's serial collector grows the old one for them (600 MiB resident for
     * an audit that keeps 60) rather than collecting.
     */
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(DEPTH + 2);
    private final Thread producer;
    private Chunk current = new Chunk(new byte[0], 0, null);
    private int position;
    private boolean ended;

    ReadAheadInputStream(InputStream source, String name) {
        producer = new Thread(() -> produce(source), "archgate-read-ahead " + name);
        producer.setDaemon(true);
        producer.start();
    }

    /** Runs on the producer thread, which owns the source: it closes it whatever way it stops. */
    private void produce(InputStream source) {
        try (source) {
            while (true) {
                byte[] buffer = free.poll();
                if (buffer == null) {
                    buffer = new byte[CHUNK]; // at most DEPTH + 2: queued, being filled, being read
                }
                int n = source.readNBytes(buffer, 0, CHUNK);
                if (n > 0) {
                    queue.put(new Chunk(buffer, n, null));
                }
                if (n < CHUNK) {
                    queue.put(END);
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reader closed early
        } catch (IOException | RuntimeException | Error e) {
            // Handed to the reader, which would otherwise wait for a chunk that never comes.
            try {
                queue.put(new Chunk(null, 0, e));
            } catch (InterruptedException stop) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private boolean fill() throws IOException {
        while (!ended && position >= current.length()) {
            rethrowFailure(); // again on every later call: the producer has stopped
            if (current.length() > 0) {
                free.offer(current.bytes()); // read to its end and copied out: the producer may fill it again
            }
            try {
                current = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading a layer");
            }
            position = 0;
            rethrowFailure();
            if (current == END) {
                ended = true;
            }
        }
        return !ended || position < current.length();
    }

    private void rethrowFailure() throws IOException {
        if (current.failure() instanceof IOException e) {
            throw e;
        }
        if (current.failure() instanceof RuntimeException e) {
            throw e;
        }
        if (current.failure() instanceof Error e) {
            throw e;
        }
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

    /**
     * The bytes left in the current chunk, waiting for the next one when it is used up: 0 only at
     * the end. GZIPInputStream asks this after each gzip member to decide whether another member
     * follows (as in pigz or concatenated output); a 0 between chunks would end the layer early
     * and hide every file after that member.
     */
    @Override
    public int available() throws IOException {
        return fill() ? current.length() - position : 0;
    }

    /** Stops the producer, which then closes the source (a decompressor's native memory with it). */
    @Override
    public void close() {
        producer.interrupt();
    }
}
