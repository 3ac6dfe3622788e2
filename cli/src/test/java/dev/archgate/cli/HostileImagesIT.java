package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.ProbeProgram;
import dev.archgate.platform.Platform;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.OciImage;
import dev.archgate.testing.TarLayer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Images built to hurt the reader: each is audited by the real CLI in a JVM of its own with a
 * {@value #HEAP} heap, and must end within {@value #SECONDS} s and {@value #RSS_MB} MB of peak
 * memory (RSS, JVM included) with a finding (exit 1) or an environment error (exit 3) and its
 * sentence, never a hang, an OutOfMemoryError or a stack trace, and without writing anything
 * outside its temporary directory. Each case prints what it measured.
 */
@IntegrationTest
class HostileImagesIT {
    private static final String HEAP = "256m";
    private static final int SECONDS = 180;
    private static final int RSS_MB = 700;
    private static final Platform AMD64 = Platform.parse("linux/amd64");

    @TempDir
    Path dir;
    private String id;

    @BeforeEach
    void name() {
        id = UUID.randomUUID().toString().substring(0, 8);
    }

    private CliProcess audit(String caseName, OciImage image) throws Exception {
        return audit(caseName, image, HEAP);
    }

    private CliProcess audit(String caseName, OciImage image, String heap) throws Exception {
        Path layout = image.writeLayout(dir.resolve("layout"));
        CliProcess a = CliProcess.run(dir, heap, Duration.ofSeconds(SECONDS), Map.of(), "audit", "oci:" + layout, "--platforms", AMD64.toString());
        System.out.printf("hostile %-14s exit %d in %5.2f s, peak RSS %4d MB: %s%n", caseName, a.status(), a.seconds(), a.rssMb(),
                a.err().isBlank() ? a.out().strip().replace('\n', ' ') : a.err().strip());
        assertThat(a.rssMb()).as(caseName + " peak memory").isLessThan(RSS_MB);
        assertThat(a.err()).as(caseName).doesNotContain("OutOfMemoryError", "internal error", "\tat ");
        try (Stream<Path> left = Files.list(dir.resolve("tmp")); Stream<Path> written = Files.list(dir.resolve("cwd"))) {
            assertThat(left).as("temporary files left").isEmpty();
            assertThat(written).as("files written into the working directory").isEmpty();
        }
        return a;
    }

    private static byte[] program(Platform p) {
        return ProbeProgram.elf(p);
    }

    @Test
    void entriesThatClimbOutOfTheRootAreRefusedAndNothingIsWrittenThere() throws Exception {
        Path escape = Path.of("/tmp/archgate-escape-" + id);
        byte[] tar = new TarLayer().file("app", 0755, program(AMD64))
                .verbatim("../../../../../../../../.." + escape, TarArchiveEntry.LF_NORMAL, null, "pwned\n".getBytes(StandardCharsets.UTF_8))
                .bytes();
        CliProcess a = audit("dotdot", OciImage.linux("amd64").entrypoint("/app").layer(tar));

        assertThat(a.status()).isEqualTo(3);
        assertThat(a.err().strip()).startsWith("archgate: layer sha256:").contains("holds the entry '../../../../../../../../../tmp/archgate-escape-" + id
                + "', which climbs out of the image root: Docker refuses to unpack such a layer");
        assertThat(escape).doesNotExist();
    }

    @Test
    void anAbsoluteNameIsInsideTheImageRootAsEveryUnpackerReadsIt() throws Exception {
        // "/bin/tool" is the image's /bin/tool: here an arm64 program in an amd64 image, so the audit names it.
        Path host = Path.of("/tmp/archgate-abs-" + id);
        byte[] tar = new TarLayer().file("app", 0755, program(AMD64))
                .verbatim("/bin/tool", TarArchiveEntry.LF_NORMAL, null, program(Platform.parse("linux/arm64")))
                .verbatim(host + "/x", TarArchiveEntry.LF_NORMAL, null, "data".getBytes(StandardCharsets.UTF_8)).bytes();
        CliProcess a = audit("absolute", OciImage.linux("amd64").entrypoint("/app").layer(tar));

        assertThat(a.status()).isEqualTo(1);
        assertThat(a.out()).contains("elf.arch-mismatch").contains("/bin/tool");
        assertThat(host).doesNotExist();
    }

    @Test
    void aHardLinkToOutsideTheImageIsRefused() throws Exception {
        byte[] tar = new TarLayer().file("app", 0755, program(AMD64))
                .verbatim("etc/stolen", TarArchiveEntry.LF_LINK, "../../../../../../etc/shadow", new byte[0]).bytes();
        CliProcess a = audit("hardlink-out", OciImage.linux("amd64").entrypoint("/app").layer(tar));

        assertThat(a.status()).isEqualTo(3);
        assertThat(a.err()).contains("holds the hard link 'etc/stolen' to '../../../../../../etc/shadow', which climbs out of the image root");
    }

    @Test
    void symlinkLoopsEndAsAMissingEntrypoint() throws Exception {
        TarLayer layer = new TarLayer().symlink("app", "loop/a").dir("loop").symlink("loop/a", "b").symlink("loop/b", "a")
                // Each hop of this one adds 800 parts (4,000 bytes, near the kernel's limit) to what is left to walk.
                .symlink("grow", String.join("/", java.util.Collections.nCopies(800, "grow")))
                .symlink("bin/tool", "/grow");
        CliProcess a = audit("symlink-loop", OciImage.linux("amd64").entrypoint("/app").layer(layer.bytes()));

        assertThat(a.status()).isEqualTo(1);
        assertThat(a.out()).contains("entrypoint.missing").contains("more than 40 symlinks");
    }


    @Test
    void aDecompressionBombStopsAtTheUnpackedBytesLimit() throws Exception {
        byte[] bomb = OciImage.gzipBomb(10);
        byte[] app = OciImage.gzip(new TarLayer().file("app", 0755, program(AMD64)).bytes());
        CliProcess a = audit("gzip-bomb", OciImage.linux("amd64").entrypoint("/app").compressedLayer(app).compressedLayer(bomb));

        assertThat(a.status()).isEqualTo(3);
        assertThat(a.err()).contains("layer " + OciImage.sha256(bomb)).contains("unpacks to more than 200 times the ")
                .contains(" compressed bytes read so far (").contains("where archgate stops (a decompression bomb");
    }

    /** A 64-bit x86-64 ELF header that claims 65,535 program and section headers at offsets near 2^64. */
    private static byte[] absurdElf() {
        ByteBuffer b = ByteBuffer.allocate(4096).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0}).put(new byte[8]);
        b.putShort((short) 2).putShort((short) 62).putInt(1).putLong(0x401000L);
        b.putLong(0xffff_ffff_ffff_ff00L).putLong(0x7fff_ffff_ffff_fff0L); // e_phoff, e_shoff
        b.putInt(0).putShort((short) 64).putShort((short) 0xffff).putShort((short) 0xffff).putShort((short) 0xffff).putShort((short) 0xfffe);
        return b.array();
    }

    @Test
    void anElfWithAbsurdHeaderCountsAndOffsetsIsAFinding() throws Exception {
        byte[] tar = new TarLayer().file("app", 0755, absurdElf()).bytes();
        CliProcess a = audit("elf-absurd", OciImage.linux("amd64").entrypoint("/app").layer(tar));

        assertThat(a.status()).isEqualTo(1);
        assertThat(a.out()).contains("entrypoint.no-shebang /app");
    }

    @Test
    void aTruncatedLayerIsCorrupt() throws Exception {
        byte[] noise = new byte[4 << 20];
        new java.util.Random(1).nextBytes(noise);
        byte[] whole = OciImage.gzip(new TarLayer().file("app", 0755, program(AMD64)).file("noise", 0644, noise).bytes());
        byte[] truncated = Arrays.copyOf(whole, whole.length / 2);
        CliProcess a = audit("truncated", OciImage.linux("amd64").entrypoint("/app").compressedLayer(truncated));

        assertThat(a.status()).isEqualTo(3);
        assertThat(a.err()).contains("layer " + OciImage.sha256(truncated)).contains("is corrupt or truncated");
    }

    @Test
    void twoThousandLayersAreReadWithinTheBound() throws Exception {
        OciImage image = OciImage.linux("amd64").entrypoint("/app");
        for (int i = 0; i < 1999; i++) {
            image.layer(new TarLayer().file("data/file-" + i, 0644, "layer " + i + "\n").bytes());
        }
        image.layer(new TarLayer().file("app", 0755, program(AMD64)).bytes());
        CliProcess a = audit("2000-layers", image);

        assertThat(a.status()).as(a.err()).isZero();
    }

    @Test
    void aFiveHundredDeepTreeIsReadWithinTheBound() throws Exception {
        String deep = String.join("/", java.util.Collections.nCopies(500, "d"));
        byte[] tar = new TarLayer().file(deep + "/app", 0755, program(AMD64)).bytes();
        CliProcess a = audit("deep-tree", OciImage.linux("amd64").entrypoint("/" + deep + "/app").layer(tar));

        assertThat(a.status()).as(a.err()).isZero();
    }

    /** Empty files in one layer: 512 bytes of tar header each, a few MB of gzip per million. */
    private static byte[] manyFiles(int count) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var tar = new org.apache.commons.compress.archivers.tar.TarArchiveOutputStream(new java.util.zip.GZIPOutputStream(out))) {
            for (int i = 0; i < count; i++) {
                TarArchiveEntry e = new TarArchiveEntry(String.format("f/%04d/%07d", i / 1000, i));
                e.setMode(0644);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            byte[] program = program(AMD64);
            TarArchiveEntry app = new TarArchiveEntry("app");
            app.setMode(0755);
            app.setSize(program.length);
            tar.putArchiveEntry(app);
            tar.write(program);
            tar.closeArchiveEntry();
        }
        return out.toByteArray();
    }

    @Test
    void aMillionFilesAreCheckedInA256MiBHeap() throws Exception {
        // ReadLimits allows 1,048,576 entries in 256 MiB (one per 256 bytes); with FileFacts of 72 bytes each a million once ran out of heap.
        CliProcess a = audit("1M-files", OciImage.linux("amd64").entrypoint("/app").compressedLayer(manyFiles(1_000_000)));

        assertThat(a.status()).as(a.err()).isZero();
    }

    @Test
    void moreFilesThanTheHeapHoldsEndWithTheSentence() throws Exception {
        // A 64 MiB heap holds 262,144 entries (and once ran out of memory with four million files in 256 MiB).
        CliProcess a = audit("300k-files-64m", OciImage.linux("amd64").entrypoint("/app").compressedLayer(manyFiles(300_000)), "64m");

        assertThat(a.status()).isEqualTo(3);
        assertThat(a.err()).contains("has more files than archgate can check in its ").contains(" MiB heap (one per 256 bytes): run it with a "
                + "larger heap, e.g. ARCHGATE_JAVA_OPTS=-Xmx");
    }

    /** A GNU long-name record of 1 GiB (the tar reader holds such a name whole) in about 1 MB of gzip. */
    private static byte[] hugeName() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(out, 1 << 16)) {
            TarArchiveEntry longName = new TarArchiveEntry("././@LongLink", TarArchiveEntry.LF_GNUTYPE_LONGNAME);
            longName.setSize(1L << 30);
            byte[] header = new byte[512];
            longName.writeEntryHeader(header);
            gzip.write(header);
            byte[] names = new byte[1 << 20];
            Arrays.fill(names, (byte) 'a');
            for (int i = 0; i < 1024; i++) {
                gzip.write(names);
            }
            TarArchiveEntry file = new TarArchiveEntry("placeholder");
            file.setMode(0644);
            file.writeEntryHeader(header);
            gzip.write(header);
            gzip.write(new byte[1024]);
        }
        return out.toByteArray();
    }

    @Test
    void aGigabyteLongNameEndsAsAnEnvironmentError() throws Exception {
        byte[] app = OciImage.gzip(new TarLayer().file("app", 0755, program(AMD64)).bytes());
        CliProcess a = audit("1GiB-name", OciImage.linux("amd64").entrypoint("/app").compressedLayer(app).compressedLayer(hugeName()));

        assertThat(a.status()).isEqualTo(3);
        assertThat(a.err()).contains("MiB heap: run it with a larger heap");
    }
}
