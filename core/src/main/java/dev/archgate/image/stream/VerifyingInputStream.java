package dev.archgate.image.stream;

import dev.archgate.ArchgateException;
import dev.archgate.image.model.Digests;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.security.MessageDigest;

/**
 * A blob as it arrives from a store, hashed and counted byte by byte. At its end it is compared
 * with the digest it was asked by (and the size its descriptor gives); a blob that grows past
 * that size fails at once, so a store that serves endless bytes is cut off there. Its content is
 * trusted only once the reader has seen the end: every reader drains what it opens.
 */
public final class VerifyingInputStream extends FilterInputStream {
    private final String what;
    private final String expected;
    private final long size;
    private final MessageDigest hasher;
    private long count;
    private boolean checked;

    /** @param what the blob for messages, e.g. "layer sha256:... of registry.example.com/app:1" */
    public VerifyingInputStream(InputStream in, String what, String expected, long size) {
        super(in);
        this.what = what;
        this.expected = expected;
        this.size = size;
        this.hasher = Digests.hasher(expected);
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
        } catch (ArchgateException | InterruptedIOException e) {
            throw e;
        } catch (IOException e) {
            throw new ArchgateException("reading " + what + " failed (" + e.getMessage() + "): retry, or check the connection to where the "
                    + "image is stored", ArchgateException.Kind.ENVIRONMENT, e);
        }
        if (n > 0) {
            hasher.update(b, off, n);
            count += n;
            if (size >= 0 && count > size) {
                throw CorruptContent.of(what, "it has more than the " + size + " bytes its descriptor gives");
            }
        } else if (n < 0) {
            check();
        }
        return n;
    }

    private void check() {
        if (checked) {
            return;
        }
        checked = true;
        if (size >= 0 && count != size) {
            throw CorruptContent.of(what, "it has " + count + " bytes, its descriptor gives " + size);
        }
        String found = Digests.spell(expected, hasher);
        if (!found.equals(expected)) {
            throw CorruptContent.of(what, "its content hashes to " + found);
        }
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

    @Override
    public boolean markSupported() {
        return false;
    }
}
