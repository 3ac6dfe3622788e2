package dev.archgate.image.fs;

import dev.archgate.image.stream.ReadLimits;
import dev.archgate.testing.TarLayer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;


/**
 * For tests of other packages: merged filesystems built from real tar layers, read by the same
 * {@link LayerReader} and merged by the same {@link MergedFilesystem#merge} as an image's.
 */
public final class LayeredFilesystems {
    private LayeredFilesystems() {}

    /** One layer: add entries through the builder's methods. */
    public static final class Layer {
        private final TarLayer tar = new TarLayer();

        public Layer file(String path, int mode, String content) throws IOException {
            tar.file(path, mode, content);
            return this;
        }

        public Layer file(String path, int mode, byte[] content) throws IOException {
            tar.file(path, mode, content);
            return this;
        }

        public Layer dir(String path) throws IOException {
            tar.dir(path);
            return this;
        }

        public Layer hardlink(String path, String target) throws IOException {
            tar.hardlink(path, target);
            return this;
        }
    }

    public interface LayerWriter {
        void write(Layer layer) throws IOException;
    }

    /** The merged filesystem of these layers, bottom first. */
    public static MergedFilesystem of(LayerWriter... layers) throws IOException {
        List<List<LayerChange>> changes = new ArrayList<>();
        for (LayerWriter w : layers) {
            Layer l = new Layer();
            w.write(l);
            changes.add(LayerReader.read(new ByteArrayInputStream(l.tar.bytes()), "sha256:test", ReadLimits.perImage()));
        }
        return MergedFilesystem.merge(changes);
    }

    /**
     * A 64-bit x86-64 ELF executable header followed by {@code size - 64} zero bytes: enough for
     * the ELF reader to see a program.
     */
    public static byte[] elfProgram(int size) {
        ByteBuffer b = ByteBuffer.allocate(Math.max(size, 64)).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0});
        b.position(16);
        b.putShort((short) 2).putShort((short) 62).putInt(1).putLong(0).putLong(0).putLong(0).putInt(0)
                .putShort((short) 64).putShort((short) 56).putShort((short) 0).putShort((short) 64).putShort((short) 0).putShort((short) 0);
        return b.array();
    }

}
