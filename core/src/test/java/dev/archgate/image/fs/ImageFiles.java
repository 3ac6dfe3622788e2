package dev.archgate.image.fs;

import dev.archgate.image.stream.ReadLimits;
import dev.archgate.testing.TarLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A one-layer image filesystem written as a real tar stream and read back by archgate's layer
 * reader, for tests of what is resolved and run from it.
 */
public final class ImageFiles {
    public static final int EM_X86_64 = 62;
    public static final int EM_AARCH64 = 183;

    private final TarLayer layer = new TarLayer();

    public ImageFiles file(String path, int mode, String text) {
        return file(path, mode, text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public ImageFiles file(String path, int mode, byte[] content) {
        try {
            layer.file(path, mode, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public ImageFiles symlink(String path, String target) {
        try {
            layer.symlink(path, target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    public MergedFilesystem merged() {
        try {
            return MergedFilesystem.merge(List.of(LayerReader.read(new ByteArrayInputStream(layer.bytes()), "sha256:test", ReadLimits.perImage())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A 64-bit little-endian ELF executable of {@code machine}: a header and, when
     * {@code loader} is not null, one PT_INTERP program header naming it. Nothing runs it; it only
     * has to read as what it claims to be.
     */
    public static byte[] elf(int machine, String loader) {
        byte[] interp = loader == null ? new byte[0] : (loader + "\0").getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(64 + 56 + interp.length + 64).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        b.putShort((short) 2).putShort((short) machine).putInt(1).putLong(0x400000).putLong(64).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) (loader == null ? 0 : 1)).putShort((short) 64)
                .putShort((short) 0).putShort((short) 0);
        b.putInt(3).putInt(4).putLong(120).putLong(0).putLong(0).putLong(interp.length).putLong(interp.length).putLong(1);
        b.put(interp);
        return b.array();
    }
}
