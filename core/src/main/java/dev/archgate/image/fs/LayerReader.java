package dev.archgate.image.fs;

import dev.archgate.ArchgateException;
import dev.archgate.elf.ElfInfo;
import dev.archgate.elf.ElfScanner;
import dev.archgate.elf.ScanBuffers;
import dev.archgate.image.stream.CorruptContent;
import dev.archgate.image.stream.ReadLimits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Streams one layer once and turns it into {@link LayerChange}s. For each regular file it reads
 * only the first bytes (to tell ELF, scripts and text apart) and, for ELF files, what
 * {@link ElfScanner} keeps; everything else is skipped.
 */
public final class LayerReader {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";
    private static final int HEAD = 512;
    private static final int REST_BUFFER = 256 * 1024;
    /** Linux's PATH_MAX: no filesystem holds a longer name or symlink target, so a layer with one is not a real layer. */
    private static final int PATH_MAX = 4096;

    private LayerReader() {}

    public static List<LayerChange> read(InputStream tarStream, String what, ReadLimits limits) throws IOException {
        List<LayerChange> out = new ArrayList<>();
        byte[] head = new byte[HEAD];
        byte[] rest = new byte[REST_BUFFER];
        try (TarArchiveInputStream tar = new TarArchiveInputStream(tarStream, 64 * 1024, 512); ScanBuffers buffers = new ScanBuffers()) {
            TarArchiveEntry e;
            while ((e = nextEntry(tar, rest, what)) != null) {
                limits.entry(what);
                refuseUnsafe(e, what);
                String path = PathNames.normalize(e.getName());
                String name = PathNames.baseName(path);
                if (name.equals(OPAQUE)) {
                    out.add(new LayerChange.Opaque(PathNames.parent(path)));
                } else if (name.startsWith(WHITEOUT)) {
                    out.add(new LayerChange.Whiteout(PathNames.child(PathNames.parent(path), name.substring(WHITEOUT.length()))));
                } else if (e.isLink()) {
                    out.add(new LayerChange.HardLink(path, PathNames.normalize(e.getLinkName())));
                } else if (e.isSymbolicLink()) {
                    out.add(new LayerChange.Add(FileFacts.of(path, FileFacts.Type.SYMLINK, e.getMode(), uid(e), gid(e), e.getLinkName())));
                } else if (e.isDirectory()) {
                    out.add(new LayerChange.Add(FileFacts.of(path, FileFacts.Type.DIRECTORY, e.getMode(), uid(e), gid(e), null)));
                } else if (e.isFile()) {
                    out.add(new LayerChange.Add(regularFile(tar, e, path, head, rest, buffers, what)));
                } else {
                    out.add(new LayerChange.Add(FileFacts.of(path, FileFacts.Type.OTHER, e.getMode(), uid(e), gid(e), null)));
                }
            }
        }
        return out;
    }

    /**
     * A name or hard-link target that climbs out of the root, or one longer than any filesystem
     * holds: no runtime unpacks such a layer as its tar says, so it is refused rather than guessed at.
     */
    private static void refuseUnsafe(TarArchiveEntry e, String what) {
        String link = e.isLink() || e.isSymbolicLink() ? e.getLinkName() : "";
        if (e.getName().length() > PATH_MAX || link.length() > PATH_MAX) {
            throw new ArchgateException(what + " holds an entry whose name or link target is longer than " + PATH_MAX + " bytes, more than any "
                    + "filesystem holds: the layer is corrupt or hostile; rebuild the image", ArchgateException.Kind.ENVIRONMENT);
        }
        if (PathNames.climbsOutOfRoot(e.getName()) || (e.isLink() && PathNames.climbsOutOfRoot(link))) {
            String entry = e.isLink() ? "the hard link '" + e.getName() + "' to '" + link + "'" : "the entry '" + e.getName() + "'";
            throw new ArchgateException(what + " holds " + entry + ", which climbs out of the image root: Docker refuses to unpack such a "
                    + "layer (a breakout); rebuild the image with a tool that writes paths inside the root", ArchgateException.Kind.ENVIRONMENT);
        }
    }

    /**
     * Reads past what is left of the current entry, then the next header. commons-compress would
     * skip the rest itself, but by reads of 8 KiB into a new array each (the skip helper of
     * commons-io): most of a layer's bytes are file contents nobody looks at, so they are read
     * here in large reads into one buffer.
     */
    private static TarArchiveEntry nextEntry(TarArchiveInputStream tar, byte[] rest, String what) throws IOException {
        try {
            if (tar.getCurrentEntry() != null) {
                while (tar.read(rest, 0, rest.length) >= 0) {
                    // contents not looked at
                }
            }
            return tar.getNextEntry();
        } catch (java.io.InterruptedIOException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw CorruptContent.of(what, "it is not a readable tar stream (" + e.getMessage() + ")");
        }
    }

    private static FileFacts regularFile(TarArchiveInputStream tar, TarArchiveEntry e, String path, byte[] head, byte[] rest,
            ScanBuffers buffers, String what) throws IOException {
        long size = e.getSize();
        int n = tar.readNBytes(head, 0, (int) Math.min(HEAD, size));
        if (n < Math.min(HEAD, size)) {
            throw CorruptContent.of(what, "it ends inside " + path);
        }
        if (n >= 4 && head[0] == 0x7f && head[1] == 'E' && head[2] == 'L' && head[3] == 'F') {
            InputStream whole = new SequenceInputStream(new ByteArrayInputStream(head, 0, n), tar);
            ElfInfo elf;
            try {
                elf = ElfScanner.scan(whole, size, buffers);
            } catch (java.io.EOFException early) {
                throw CorruptContent.of(what, "it ends inside " + path);
            }
            return new FileFacts(path, FileFacts.Type.FILE, e.getMode(), uid(e), gid(e), size, null, elf, null, false, null, null, null);
        }
        String shebang = n >= 2 && head[0] == '#' && head[1] == '!' ? firstLine(head, n) : null;
        String content = FileFacts.keptWhole(path, size) ? whole(tar, head, n, size, path, what) : null;
        JarDirectory jar = JarDirectory.isJar(path, size) ? jarDirectory(tar, head, n, size, rest, path, what) : null;
        return new FileFacts(path, FileFacts.Type.FILE, e.getMode(), uid(e), gid(e), size, null, null, shebang, looksLikeText(head, n), null,
                content, jar);
    }

    /**
     * A jar's directory from its last bytes: what lies before them is skipped as any content is,
     * so a jar costs one copy of its tail (at most {@link JarDirectory#MAX_TAIL}) and no inflation.
     */
    private static JarDirectory jarDirectory(TarArchiveInputStream tar, byte[] head, int n, long size, byte[] rest, String path,
            String what) throws IOException {
        int length = JarDirectory.tailLength(size);
        byte[] tail = new byte[length];
        long before = size - length;
        int copied = 0;
        if (before < n) { // the head already read part of the tail
            copied = n - (int) before;
            System.arraycopy(head, (int) before, tail, 0, copied);
        } else {
            for (long left = before - n; left > 0; ) {
                int r = tar.read(rest, 0, (int) Math.min(rest.length, left));
                if (r < 0) {
                    throw CorruptContent.of(what, "it ends inside " + path);
                }
                left -= r;
            }
        }
        if (tar.readNBytes(tail, copied, length - copied) < length - copied) {
            throw CorruptContent.of(what, "it ends inside " + path);
        }
        return JarDirectory.read(tail, length, size);
    }

    /** The rest of a small file after its head, read from the same pass over the tar. */
    private static String whole(TarArchiveInputStream tar, byte[] head, int n, long size, String path, String what) throws IOException {
        byte[] all = java.util.Arrays.copyOf(head, (int) size);
        if (tar.readNBytes(all, n, (int) size - n) < size - n) {
            throw CorruptContent.of(what, "it ends inside " + path);
        }
        return new String(all, StandardCharsets.UTF_8);
    }

    private static int uid(TarArchiveEntry e) {
        return (int) e.getLongUserId();
    }

    private static int gid(TarArchiveEntry e) {
        return (int) e.getLongGroupId();
    }

    private static String firstLine(byte[] head, int n) {
        int end = 0;
        while (end < n && head[end] != '\n') {
            end++;
        }
        return new String(head, 0, end, StandardCharsets.ISO_8859_1);
    }

    /** No NUL and mostly printable: what a shell would try to run as a script. */
    private static boolean looksLikeText(byte[] head, int n) {
        if (n == 0) {
            return false;
        }
        int printable = 0;
        for (int i = 0; i < n; i++) {
            int b = head[i] & 0xff;
            if (b == 0) {
                return false;
            }
            if (b >= 0x20 || b == '\n' || b == '\r' || b == '\t') {
                printable++;
            }
        }
        return printable >= n * 0.95;
    }
}
