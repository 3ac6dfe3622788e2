package dev.archgate.image;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An OCI layout in a tar file, as {@code buildx --output type=oci,dest=x.tar} and
 * {@code docker save} write it. Read in place with random access, never unpacked.
 */
public final class OciArchiveSource extends OciLayout {
    private final Path archive;
    private final TarFile tar;
    private final Map<String, TarArchiveEntry> entries = new HashMap<>();

    /** @param refName which image of index.json, by ref name; null when it holds only one */
    public OciArchiveSource(Path archive, String refName) throws IOException {
        super(refName);
        this.archive = archive;
        try {
            this.tar = new TarFile(archive);
        } catch (IOException e) {
            throw new ImageException(archive + " is not a readable tar archive (" + e.getMessage()
                    + "): give the file buildx wrote with --output type=oci,dest=FILE", ImageException.Kind.USAGE, e);
        }
        for (TarArchiveEntry e : tar.getEntries()) {
            entries.put(e.getName().startsWith("./") ? e.getName().substring(2) : e.getName(), e);
        }
        if (!entries.containsKey("index.json")) {
            tar.close();
            throw new ImageException(archive + " holds no index.json, so it is not an OCI archive: write it with --output type=oci",
                    ImageException.Kind.USAGE);
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
            throw new ImageException(where() + " lacks " + path + ": the archive is incomplete", ImageException.Kind.USAGE);
        }
        synchronized (tar) {
            return tar.getInputStream(e);
        }
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}
