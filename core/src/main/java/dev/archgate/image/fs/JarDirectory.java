package dev.archgate.image.fs;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The shared objects a jar carries, by entry name, read from the central directory at the jar's
 * end (the ZIP format's own index: APPNOTE.TXT 4.3.12 to 4.3.16). The layer passes once, so the
 * reader keeps only the jar's last bytes ({@link #MAX_TAIL} at most) instead of skipping them, and
 * never inflates an entry: reading names from the local headers as they stream would mean
 * inflating every entry whose size only a data descriptor after it gives, as {@code jar} writes them.
 *
 * @param sharedObjects entry names ending in {@code .so}, in directory order
 * @param problem why the directory could not be read (not a zip, a directory larger than
 *     {@value #MAX_TAIL} bytes), null when it was
 */
public record JarDirectory(List<String> sharedObjects, String problem) implements Serializable {
    /** 16 MiB: about 200,000 entries; a directory larger than this is reported, never guessed at. */
    public static final int MAX_TAIL = 16 * 1024 * 1024;
    private static final int EOCD = 0x06054b50;
    private static final int EOCD_SIZE = 22;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL_ENTRY = 0x02014b50;

    public JarDirectory {
        sharedObjects = List.copyOf(sharedObjects);
    }

    /** Whether the reader keeps this file's tail for its directory. */
    static boolean isJar(String path, long size) {
        return path.endsWith(".jar") && size >= EOCD_SIZE;
    }

    /** How many of a jar's last bytes the reader keeps. */
    static int tailLength(long size) {
        return (int) Math.min(size, MAX_TAIL);
    }

    /**
     * Reads the directory from the last {@code length} bytes of a jar of {@code size} bytes. The
     * directory is found back from the end-of-directory record by its size, not its offset, so a
     * jar behind a launcher script (Spring Boot's executable jars) reads the same.
     */
    static JarDirectory read(byte[] tail, int length, long size) {
        ByteBuffer b = ByteBuffer.wrap(tail, 0, length).order(ByteOrder.LITTLE_ENDIAN);
        int eocd = -1;
        for (int i = length - EOCD_SIZE; i >= Math.max(0, length - EOCD_SIZE - 0xffff); i--) {
            if (b.getInt(i) == EOCD && i + EOCD_SIZE + (b.getShort(i + 20) & 0xffff) == length) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return failed("it has no zip end-of-directory record, so it is not a readable jar");
        }
        long entries = b.getShort(eocd + 10) & 0xffff;
        long dirSize = b.getInt(eocd + 12) & 0xffffffffL;
        int dirEnd = eocd;
        if ((entries == 0xffff || dirSize == 0xffffffffL) && eocd >= 20 && b.getInt(eocd - 20) == ZIP64_LOCATOR) {
            int zip64 = eocd - 20 - 56;
            if (zip64 < 0 || b.getInt(zip64) != ZIP64_EOCD) {
                return failed("its zip64 end-of-directory record is not where its locator says");
            }
            entries = b.getLong(zip64 + 32);
            dirSize = b.getLong(zip64 + 40);
            dirEnd = zip64;
        }
        if (dirSize > dirEnd) {
            return failed(size > MAX_TAIL ? "its directory is larger than the " + (MAX_TAIL >> 20) + " MiB archgate reads"
                    : "its directory runs past the start of the file");
        }
        List<String> out = new ArrayList<>();
        int at = (int) (dirEnd - dirSize);
        for (long n = 0; n < entries; n++) {
            if (at + 46 > dirEnd || b.getInt(at) != CENTRAL_ENTRY) {
                return failed("its directory is corrupt at entry " + n);
            }
            int nameLength = b.getShort(at + 28) & 0xffff;
            int skip = (b.getShort(at + 30) & 0xffff) + (b.getShort(at + 32) & 0xffff);
            if (at + 46 + nameLength > dirEnd) {
                return failed("its directory is corrupt at entry " + n);
            }
            String name = new String(tail, at + 46, nameLength, StandardCharsets.UTF_8);
            if (name.endsWith(".so")) {
                out.add(name);
            }
            at += 46 + nameLength + skip;
        }
        return new JarDirectory(out, null);
    }

    private static JarDirectory failed(String problem) {
        return new JarDirectory(List.of(), problem);
    }
}
