package dev.archgate.host;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * A one-file tar of a QEMU binary, as the Engine API takes it to copy into a container. Only the
 * header is held; the binary (about 13 MB) is streamed from its file for each container, since
 * copying it into the heap of a cold JVM cost more than the copy into the container itself.
 */
public final class QemuTar {
    private static final int BLOCK = 512;

    private final Path file;
    private final long size;
    private final byte[] header;

    private QemuTar(Path file, long size, byte[] header) {
        this.file = file;
        this.size = size;
        this.header = header;
    }

    /** The tar of {@code file} stored as {@code name} (relative, mode 0755), its size taken now. */
    public static QemuTar of(Path file, String name) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException(file + " is not a regular file");
        }
        long size = Files.size(file);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setMode(0755);
        entry.setSize(size);
        byte[] header = new byte[BLOCK];
        entry.writeEntryHeader(header);
        return new QemuTar(file, size, header);
    }

    /**
     * The tar's bytes: the header, exactly the size the header names, padding to the block, and
     * the two zero blocks that end an archive. A file that shrank since the header was made fails
     * the read (its padding would otherwise complete a tar of a corrupt binary).
     */
    public InputStream open() throws IOException {
        long padding = (BLOCK - size % BLOCK) % BLOCK;
        // commons-io's bound, which closes the file with it: commons-compress's never does, and the descriptor then
        // stayed open until a garbage collection (RunsLeaveNothingIT counted 5 of them after 30 gates).
        InputStream content = new Exactly(BoundedInputStream.builder().setInputStream(Files.newInputStream(file)).setMaxCount(size).get(),
                size, file);
        return new SequenceInputStream(Collections.enumeration(List.of(new ByteArrayInputStream(header), content,
                new ByteArrayInputStream(new byte[(int) padding + 2 * BLOCK]))));
    }

    /** A stream that fails at its end unless it gave exactly the expected number of bytes. */
    private static final class Exactly extends FilterInputStream {
        private final long expected;
        private final Path file;
        private long read;

        Exactly(InputStream in, long expected, Path file) {
            super(in);
            this.expected = expected;
            this.file = file;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            return counted(b < 0 ? -1 : 1) < 0 ? -1 : b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return counted(super.read(b, off, len));
        }

        private int counted(int n) throws IOException {
            if (n < 0 && read != expected) {
                throw new IOException(file + " changed while it was copied into the container (" + read + " of " + expected + " bytes)");
            }
            read += Math.max(n, 0);
            return n;
        }
    }
}
