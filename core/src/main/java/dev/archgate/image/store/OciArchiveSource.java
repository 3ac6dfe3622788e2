package dev.archgate.image.store;

import dev.archgate.ArchgateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;
import org.apache.commons.io.input.BoundedInputStream;

/**
 * An OCI layout in a tar file, as {@code buildx --output type=oci,dest=x.tar} and
 * {@code docker save} write it. Read in place: the entries are indexed once, then each blob is
 * read straight from its offset, never unpacked.
 */
final class OciArchiveSource extends OciLayout {
    private final Path archive;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    /** @param refName which image of index.json, by ref name; null when it holds only one */
    OciArchiveSource(Path archive, String refName) throws IOException {
        super(refName);
        this.archive = archive;
        try {
            this.tar = new TarFile(archive);
        } catch (IOException e) {
            throw new ArchgateException(archive + " is not a readable tar archive (" + e.getMessage()
                    + "): give the file buildx wrote with --output type=oci,dest=FILE", ArchgateException.Kind.USAGE, e);
        }
        for (TarArchiveEntry e : tar.getEntries()) {
            entries.put(e.getName().startsWith("./") ? e.getName().substring(2) : e.getName(), e);
        }
        if (!entries.containsKey("index.json")) {
            tar.close();
            throw new ArchgateException(archive + " holds no index.json, so it is not an OCI archive: write it with --output type=oci",
                    ArchgateException.Kind.USAGE);
        }
    }

    @Override
    public String name() {
        return "oci-archive:" + archive;
    }

    @Override
    String where() {
        return "OCI archive " + archive;
    }

    @Override
    InputStream open(String path) throws IOException {
        TarArchiveEntry e = entries.get(path);
        if (e == null) {
            throw new ArchgateException(where() + " lacks " + path + ": the archive is incomplete", ArchgateException.Kind.USAGE);
        }
        // Each blob gets its own channel: layers are read in parallel, and a shared channel's
        // position would be moved under one reader by another.
        FileChannel channel = FileChannel.open(archive, StandardOpenOption.READ);
        channel.position(e.getDataOffset());
        return BoundedInputStream.builder().setInputStream(Channels.newInputStream(channel)).setMaxCount(e.getSize()).get();
    }

    /** Whether the archive holds a blob, so a reader can tell absent content from a broken archive. */
    boolean hasBlob(String digest) {
        return digest.startsWith("sha256:") && entries.containsKey("blobs/sha256/" + digest.substring("sha256:".length()));
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
