package dev.archgate.image.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.luben.zstd.ZstdOutputStream;
import dev.archgate.ArchgateException;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.fs.LayerChange;
import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.Digests;
import dev.archgate.image.store.ContentStore;
import dev.archgate.image.store.ImageSource;
import dev.archgate.testing.TarLayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Layer blobs as stores hold them: gzip, zstd or plain tar, intact, corrupt, truncated, or failing to arrive. */
class LayerStreamsTest {
    private static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final String ZSTD = "application/vnd.oci.image.layer.v1.tar+zstd";
    private static final String TAR = "application/vnd.oci.image.layer.v1.tar";

    /** A tar with a script, and a large file of random bytes so compressed data spans many blocks. */
    private static byte[] tar() throws IOException {
        byte[] noise = new byte[3 << 20];
        new Random(7).nextBytes(noise);
        return new TarLayer().dir("bin").file("bin/run", 0755, "#!/bin/sh\necho hi\n").file("data/noise", 0644, noise)
                .file("etc/motd", 0644, "welcome\n").bytes();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    private static byte[] zstd(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    private static List<LayerChange> read(byte[] blob, String mediaType) throws IOException {
        return read(blob, mediaType, GzipInflater.JDK);
    }

    static List<LayerChange> read(byte[] blob, String mediaType, GzipInflater inflater) throws IOException {
        return read(() -> new ByteArrayInputStream(blob), Digests.sha256(blob), mediaType, inflater);
    }

    /** @param blob what the store serves on each request: a layer read again asks again */
    static List<LayerChange> read(Supplier<InputStream> blob, String digest, String mediaType, GzipInflater inflater) throws IOException {
        ContentStore store = new BlobStore("test", d -> blob.get());
        return ImageResolver.readLayer(new ImageSource(store), new Descriptor(mediaType, digest, -1, null, null, null, Map.of()),
                ReadLimits.perImage(), inflater);
    }

    private static void assertReadable(List<LayerChange> changes) {
        assertThat(changes).hasSize(4);
        assertThat(changes).filteredOn(c -> c instanceof LayerChange.Add a && a.facts().path().equals("/bin/run"))
                .singleElement().extracting(c -> ((LayerChange.Add) c).facts().shebang()).isEqualTo("#!/bin/sh");
        assertThat(changes).filteredOn(c -> c instanceof LayerChange.Add a && a.facts().path().equals("/data/noise"))
                .singleElement().extracting(c -> ((LayerChange.Add) c).facts().size()).isEqualTo(3L << 20);
    }

    @ParameterizedTest
    @EnumSource(GzipInflater.class)
    void gzipZstdAndPlainTarAreReadByTheirMagicBytes(GzipInflater inflater) throws IOException {
        byte[] raw = tar();
        assertReadable(read(gzip(raw), GZIP, inflater));
        assertReadable(read(zstd(raw), ZSTD));
        assertReadable(read(raw, TAR));
        // Docker's gzip media type on a zstd blob, and on a plain one: the bytes decide.
        assertReadable(read(zstd(raw), "application/vnd.docker.image.rootfs.diff.tar.gzip"));
        assertReadable(read(raw, "application/vnd.docker.image.rootfs.diff.tar.gzip"));
    }

    @ParameterizedTest
    @EnumSource(GzipInflater.class)
    void aCorruptOrTruncatedBlobIsACorruptLayerNamedByItsDigest(GzipInflater inflater) throws IOException {
        byte[] raw = tar();
        for (byte[] good : List.of(gzip(raw), zstd(raw), raw)) {
            byte[] flipped = good.clone();
            flipped[flipped.length / 2] ^= 0x55;
            byte[] truncated = Arrays.copyOf(good, good.length / 2);
            // The manifest names the intact blob; the store serves damaged bytes.
            String digest = Digests.sha256(good);
            for (byte[] bad : List.of(flipped, truncated)) {
                assertThatThrownBy(() -> read(() -> new ByteArrayInputStream(bad), digest, GZIP, inflater)).isInstanceOf(ArchgateException.class)
                        .hasMessageStartingWith("layer " + digest + " of test is corrupt or truncated: ")
                        .hasMessageEndingWith("; push or export the image again")
                        .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(GzipInflater.class)
    void anIntactLayerUnderTheWrongDigestIsCorrupt(GzipInflater inflater) throws IOException {
        byte[] blob = gzip(tar());
        String other = "sha256:" + "0".repeat(64);
        assertThatThrownBy(() -> read(() -> new ByteArrayInputStream(blob), other, GZIP, inflater)).isInstanceOf(ArchgateException.class)
                .hasMessage("layer " + other + " of test is corrupt or truncated: its content hashes to " + Digests.sha256(blob)
                        + "; push or export the image again");
    }

    @ParameterizedTest
    @EnumSource(GzipInflater.class)
    void aSourceThatFailsMidwayIsAnEnvironmentErrorNotACorruptLayer(GzipInflater inflater) throws IOException {
        byte[] blob = gzip(tar());
        Supplier<InputStream> dropping = () -> new InputStream() {
            private int served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served > blob.length / 3) {
                    throw new IOException("connection reset");
                }
                int n = Math.min(len, 4096);
                System.arraycopy(blob, served, b, off, n);
                served += n;
                return n;
            }
        };
        String digest = Digests.sha256(blob);
        assertThatThrownBy(() -> read(dropping, digest, GZIP, inflater)).isInstanceOf(ArchgateException.class)
                .hasMessage("reading layer " + digest + " of test failed (connection reset): retry, or check the connection to where the image is stored")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
    }

    @Test
    void anEncryptedLayerIsRefusedByItsMediaType() {
        assertThatThrownBy(() -> read(new byte[] {1, 2, 3}, "application/vnd.oci.image.layer.v1.tar+gzip+encrypted"))
                .isInstanceOf(ArchgateException.class).hasMessageContaining("is encrypted")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);
    }

    private static byte[] storedGzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out) {
            {
                def.setLevel(java.util.zip.Deflater.NO_COMPRESSION);
            }
        }) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    /**
     * A layer in two gzip members (as concatenating tools write), the first ending exactly where
     * the decompressor's buffer does: the files of the second member are read too. Java's
     * GZIPInputStream decides whether another member follows by asking available(), and a stream
     * that answered 0 there ended the layer early: a valid layer refused as truncated, or, where
     * a member ends between entries, every later file hidden (the runtime reads all members).
     */
    @ParameterizedTest
    @EnumSource(GzipInflater.class)
    void everyGzipMemberIsReadWhereverItStarts(GzipInflater inflater) throws IOException {
        byte[] noise = new byte[300_000];
        new Random(3).nextBytes(noise);
        byte[] tar = new TarLayer().file("big", 0644, noise).file("hidden/app", 0755, "#!/bin/sh\necho hidden\n").bytes();
        int boundary = 256 * 1024;
        int split = boundary - 200;
        while (storedGzip(Arrays.copyOf(tar, split)).length < boundary) {
            split++;
        }
        byte[] first = storedGzip(Arrays.copyOf(tar, split));
        assertThat(first.length).isEqualTo(boundary); // stored blocks grow one byte per byte: the boundary is met exactly
        byte[] second = gzip(Arrays.copyOfRange(tar, split, tar.length));
        byte[] blob = new byte[first.length + second.length];
        System.arraycopy(first, 0, blob, 0, first.length);
        System.arraycopy(second, 0, blob, first.length, second.length);

        assertThat(read(blob, GZIP, inflater)).filteredOn(c -> c instanceof LayerChange.Add a && a.facts().path().equals("/hidden/app"))
                .singleElement().extracting(c -> ((LayerChange.Add) c).facts().shebang()).isEqualTo("#!/bin/sh");
    }
}
