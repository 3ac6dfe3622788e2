package dev.archgate.image.fs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.ImageManifest;
import dev.archgate.image.stream.GzipInflater;
import dev.archgate.image.stream.LayerStreams;
import dev.archgate.image.stream.NonClosingInputStream;
import dev.archgate.image.stream.ReadLimits;
import dev.archgate.testing.TarLayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The size arithmetic of a variant: compressed against unpacked, wasted bytes, hard links once. */
class LayerSpaceTest {
    private static byte[] bytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    private static MergedFilesystem merge(TarLayer... layers) throws IOException {
        List<List<LayerChange>> changes = new ArrayList<>();
        for (TarLayer l : layers) {
            changes.add(LayerReader.read(new ByteArrayInputStream(l.bytes()), "sha256:test", ReadLimits.perImage()));
        }
        return MergedFilesystem.merge(changes);
    }

    @Test
    void compressedIsWhatTheManifestListsAndUnpackedIsTheFileContentOfEveryLayer() throws Exception {
        byte[] zeros = new byte[300_000]; // compresses to almost nothing
        List<byte[]> tars = List.of(new TarLayer().dir("data").file("data/zeros", 0644, zeros).bytes(),
                new TarLayer().file("data/random", 0644, bytes(50_000, 1)).bytes());
        List<Descriptor> layers = new ArrayList<>();
        List<List<LayerChange>> changes = new ArrayList<>();
        for (byte[] tar : tars) {
            byte[] gz = gzip(tar);
            String digest = "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gz));
            layers.add(new Descriptor("application/vnd.oci.image.layer.v1.tar+gzip", digest, gz.length, null, null, null, Map.of()));
            try (LayerStreams.Opened opened = LayerStreams.open(new ByteArrayInputStream(gz), digest, "application/vnd.oci.image.layer.v1.tar+gzip", ReadLimits.perImage(), GzipInflater.JDK)) {
                changes.add(LayerReader.read(new NonClosingInputStream(opened.tar), digest, ReadLimits.perImage()));
                opened.finish();
            }
        }
        Descriptor config = new Descriptor("application/vnd.oci.image.config.v1+json", "sha256:c", 1234, null, null, null, Map.of());
        ImageManifest manifest = new ImageManifest("sha256:m", "application/vnd.oci.image.manifest.v1+json", config, layers);
        MergedFilesystem fs = MergedFilesystem.merge(changes);

        assertThat(manifest.compressedSize()).isEqualTo(1234 + layers.get(0).size() + layers.get(1).size());
        assertThat(layers.get(0).size()).isLessThan(10_000);
        // Unpacked counts file content, not tar headers and padding.
        assertThat(fs.space().unpacked()).isEqualTo(350_000);
        assertThat(fs.space().wasted()).isZero();
        assertThat(PathSizes.of(fs).total()).isEqualTo(350_000);
    }

    @Test
    void bytesDeletedOrOverwrittenByLaterLayersAreWastedPerPath() throws IOException {
        MergedFilesystem fs = merge(
                new TarLayer().dir("tmp").file("tmp/download.tar", 0644, bytes(4000, 1)).file("etc/app.conf", 0644, bytes(100, 2))
                        .dir("cache").file("cache/a", 0644, bytes(700, 3)).dir("opt").file("opt/x", 0644, bytes(50, 4)),
                new TarLayer().file("tmp/.wh.download.tar", 0644, "").file("etc/app.conf", 0644, bytes(120, 5))
                        .dir("cache").file("cache/.wh..wh..opq", 0644, "").file("opt", 0644, bytes(10, 6)),
                new TarLayer().file("etc/app.conf", 0644, bytes(130, 7)));

        LayerSpace space = fs.space();
        assertThat(space.unpacked()).isEqualTo(4000 + 100 + 700 + 50 + 120 + 10 + 130);
        assertThat(space.wasted()).isEqualTo(4000 + 100 + 120 + 700 + 50);
        assertThat(space.topWasted()).containsExactly(
                new LayerSpace.Waste("/tmp/download.tar", 4000, 1),
                new LayerSpace.Waste("/cache/a", 700, 1),
                new LayerSpace.Waste("/etc/app.conf", 220, 2),
                new LayerSpace.Waste("/opt/x", 50, 1));
        assertThat(PathSizes.of(fs).total()).isEqualTo(space.unpacked() - space.wasted());
    }

    @Test
    void aHardLinkAddsNoBytesAndKeepsItsContentVisibleWhileOneNameSurvives() throws IOException {
        MergedFilesystem oneNameLeft = merge(
                new TarLayer().dir("opt").file("opt/data.bin", 0644, bytes(5000, 1)).hardlink("opt/data.link", "opt/data.bin")
                        .hardlink("opt/data.link2", "opt/data.link"),
                new TarLayer().file("opt/.wh.data.bin", 0644, "").file("opt/.wh.data.link", 0644, ""));

        assertThat(oneNameLeft.space().unpacked()).isEqualTo(5000);
        assertThat(oneNameLeft.space().wasted()).isZero();
        assertThat(PathSizes.of(oneNameLeft).total()).isEqualTo(5000);

        MergedFilesystem allGone = merge(
                new TarLayer().dir("opt").file("opt/data.bin", 0644, bytes(5000, 1)).hardlink("opt/data.link", "opt/data.bin"),
                new TarLayer().file("opt/.wh.data.bin", 0644, "").file("opt/.wh.data.link", 0644, ""));
        assertThat(allGone.space().wasted()).isEqualTo(5000);
        assertThat(allGone.space().topWasted()).containsExactly(new LayerSpace.Waste("/opt/data.bin", 5000, 1));
    }

    @Test
    void pathSizesSumSubtreesAndShallowPathsWithEachContentOnce() throws IOException {
        MergedFilesystem fs = merge(new TarLayer()
                .dir("usr/local/go/bin").file("usr/local/go/bin/go", 0755, bytes(3000, 1))
                .dir("usr/local/go/pkg/tool/linux_amd64").file("usr/local/go/pkg/tool/linux_amd64/compile", 0755, bytes(9000, 2))
                .hardlink("usr/local/go/bin/go-again", "usr/local/go/bin/go")
                .file("app", 0755, bytes(800, 3)).dir("etc").file("etc/passwd", 0644, "root:x:0:0::/root:/bin/sh\n"));

        PathSizes sizes = PathSizes.of(fs);
        assertThat(sizes.under("/usr/local/go")).isEqualTo(12_000);
        assertThat(sizes.under("/usr/local/go/bin")).isEqualTo(3000);
        assertThat(sizes.under("/app")).isEqualTo(800);
        assertThat(sizes.under("/")).isEqualTo(sizes.total());
        assertThat(sizes.largest(2)).containsExactly(new PathSizes.PathSize("/usr/local/go", 12_000), new PathSizes.PathSize("/app", 800));
        assertThat(fs.entry("/etc/passwd").orElseThrow().content()).isEqualTo("root:x:0:0::/root:/bin/sh\n");
        assertThat(fs.entry("/app").orElseThrow().content()).isNull();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        }
        return out.toByteArray();
    }
}
