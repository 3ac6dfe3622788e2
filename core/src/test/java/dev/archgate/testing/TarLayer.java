package dev.archgate.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** A layer under construction in a test: real tar entries written with commons-compress. */
public final class TarLayer {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes);

    public TarLayer() {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX); // deep paths beyond 100 characters
    }

    public TarLayer file(String name, int mode, String content) throws IOException {
        return file(name, mode, content.getBytes(StandardCharsets.ISO_8859_1));
    }

    public TarLayer file(String name, int mode, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(mode);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
        return this;
    }

    /** An empty executable file that belongs to the given user and group. */
    public TarLayer owned(String name, int uid, int gid) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setMode(0755);
        e.setIds(uid, gid);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    public TarLayer dir(String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name.endsWith("/") ? name : name + "/");
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    public TarLayer symlink(String name, String target) throws IOException {
        return link(name, target, TarArchiveEntry.LF_SYMLINK);
    }

    public TarLayer hardlink(String name, String target) throws IOException {
        return link(name, target, TarArchiveEntry.LF_LINK);
    }

    private TarLayer link(String name, String target, byte type) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type);
        e.setLinkName(target);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
        return this;
    }

    /**
     * An entry whose name is written exactly as given, a leading "/" included (commons-compress
     * strips it otherwise): what a hostile or careless tool puts in a layer.
     */
    public TarLayer verbatim(String name, byte type, String linkName, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name, type, true);
        e.setMode(0755);
        if (linkName != null) {
            e.setLinkName(linkName);
        }
        e.setSize(type == TarArchiveEntry.LF_NORMAL ? data.length : 0);
        tar.putArchiveEntry(e);
        if (type == TarArchiveEntry.LF_NORMAL) {
            tar.write(data);
        }
        tar.closeArchiveEntry();
        return this;
    }

    /** The finished tar stream, end-of-archive records included. */
    public byte[] bytes() {
        try {
            tar.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
