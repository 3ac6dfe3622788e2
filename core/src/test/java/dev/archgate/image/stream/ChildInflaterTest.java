package dev.archgate.image.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.Digests;
import dev.archgate.image.model.ImageManifest;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.image.store.ContentStore;
import dev.archgate.image.store.ImageSource;
import dev.archgate.testing.TarLayer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The real igzip and unpigz (installed by dev/setup-host) against the JDK's inflater, on the gzip
 * shapes tools write and the ways a blob goes wrong: each gives exactly the JDK's outcome, and no
 * child process outlives a read, whatever way it ends.
 */
class ChildInflaterTest {
    private static final String GZIP = "application/vnd.oci.image.layer.v1.tar+gzip";
    private static final List<String> CHILDREN = List.of("igzip", "unpigz");

    private static byte[] tar() throws IOException {
        byte[] noise = new byte[2 << 20];
        new Random(11).nextBytes(noise);
        return new TarLayer().dir("bin").file("bin/run", 0755, "#!/bin/sh\necho hi\n").file("data/noise", 0644, noise)
                .file("etc/motd", 0644, "welcome\n").file("etc/passwd", 0644, "root:x:0:0:root:/root:/bin/sh\n").bytes();
    }

    private static byte[] gzip(byte[] raw) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new GZIPOutputStream(out)) {
            z.write(raw);
        }
        return out.toByteArray();
    }

    /** The host's pigz, as a parallel build tool writes a layer: many members' worth of independent blocks. */
    private static byte[] pigz(byte[] raw) throws IOException, InterruptedException {
        Path file = Files.createTempFile("archgate-pigz", ".tar");
        try {
            Files.write(file, raw);
            Process p = new ProcessBuilder("pigz", "-c", "-b", "128", file.toString()).start();
            byte[] out = p.getInputStream().readAllBytes();
            assertThat(p.waitFor()).as("pigz (dev/setup-host installs it)").isZero();
            return out;
        } finally {
            Files.delete(file);
        }
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** What reading a blob gives: its changes, or the sentence it fails with. */
    private static String outcome(byte[] blob, String digest, GzipInflater inflater) {
        try {
            return LayerStreamsTest.read(() -> new ByteArrayInputStream(blob), digest, GZIP, inflater).toString();
        } catch (ArchgateException e) {
            return e.kind() + ": " + e.getMessage();
        } catch (IOException e) {
            return "I/O: " + e;
        }
    }

    static List<Object[]> shapes() throws IOException, InterruptedException {
        byte[] raw = tar();
        byte[] one = gzip(raw);
        int half = raw.length / 2 + 333; // inside the noise file: the second member continues an entry
        byte[] members = concat(gzip(Arrays.copyOf(raw, half)), gzip(Arrays.copyOfRange(raw, half, raw.length)));
        byte[] flipped = one.clone();
        flipped[one.length / 2] ^= 0x55;
        return List.of(
                new Object[] {"one member", one},
                new Object[] {"pigz output", pigz(raw)},
                new Object[] {"two members split inside a file", members},
                new Object[] {"trailing text after the last member", concat(one, "trailing data\n".getBytes())},
                new Object[] {"trailing zeros", concat(one, new byte[4096])},
                new Object[] {"a trailer that starts like a gzip member", concat(one, new byte[] {0x1f, (byte) 0x8b, 'j', 'u', 'n', 'k'})},
                new Object[] {"an empty member after the last", concat(one, gzip(new byte[0]))},
                new Object[] {"a corrupt byte", flipped},
                new Object[] {"truncated", Arrays.copyOf(one, one.length * 2 / 3)},
                new Object[] {"a second member that does not inflate", concat(one, Arrays.copyOf(gzip(raw), 4000))},
                new Object[] {"a tar cut short inside a file", gzip(Arrays.copyOf(raw, raw.length / 3))});
    }

    @ParameterizedTest
    @EnumSource(value = GzipInflater.class, names = {"IGZIP", "UNPIGZ"})
    void everyShapeGivesExactlyWhatTheJdkGives(GzipInflater inflater) throws Exception {
        for (Object[] shape : shapes()) {
            byte[] blob = (byte[]) shape[1];
            // As stored: the digest is the blob's own; the corrupt ones are damaged as pushed.
            String digest = Digests.sha256(blob);
            String jdk = outcome(blob, digest, GzipInflater.JDK);
            assertThat(outcome(blob, digest, inflater)).as("%s with %s", shape[0], inflater).isEqualTo(jdk);
            // And as damaged on the way: the manifest names another blob.
            String other = "sha256:" + "1".repeat(64);
            assertThat(outcome(blob, other, inflater)).as("%s under another digest, with %s", shape[0], inflater)
                    .isEqualTo(outcome(blob, other, GzipInflater.JDK));
            assertThat(children()).as("children left after reading %s with %s", shape[0], inflater).isEmpty();
        }
    }

    @Test
    void theShapesCoverBothOutcomes() throws Exception {
        // Held so that the comparison above compares failures and successes, not only one kind.
        List<String> jdk = shapes().stream().map(s -> outcome((byte[]) s[1], Digests.sha256((byte[]) s[1]), GzipInflater.JDK)).toList();
        assertThat(jdk).anyMatch(o -> o.contains("/etc/passwd")).anyMatch(o -> o.startsWith("ENVIRONMENT: layer "));
        assertThat(jdk.get(0)).contains("/etc/passwd");
        assertThat(jdk.get(7)).startsWith("ENVIRONMENT: layer ").contains(" is corrupt or truncated: ");
    }

    /**
     * A read interrupted while the child runs (the blob's source stalls halfway, as a registry
     * connection can): the read ends with an interrupt, and the child is killed and reaped, not
     * left as an orphan or a zombie.
     */
    @ParameterizedTest
    @EnumSource(value = GzipInflater.class, names = {"IGZIP", "UNPIGZ"})
    void anInterruptedReadLeavesNoChild(GzipInflater inflater) throws Exception {
        byte[] blob = gzip(tar());
        CountDownLatch closed = new CountDownLatch(1);
        // A fake source, for the one fault a real store cannot stage on demand: it stops halfway until closed.
        InputStream stalling = new InputStream() {
            private int served;

            @Override
            public int read() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (served >= blob.length / 2) {
                    try {
                        closed.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new IOException("closed");
                }
                int n = Math.min(len, blob.length / 2 - served);
                System.arraycopy(blob, served, b, off, n);
                served += n;
                return n;
            }

            @Override
            public void close() {
                closed.countDown();
            }
        };
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            try {
                LayerStreamsTest.read(() -> stalling, Digests.sha256(blob), GZIP, inflater);
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        reader.start();
        List<Long> running = waitForChild();
        reader.interrupt();
        reader.join(TimeUnit.SECONDS.toMillis(60));
        assertThat(reader.isAlive()).as("the read ended").isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedIOException.class);
        for (long pid : running) {
            assertThat(Path.of("/proc/" + pid)).as("child %d reaped", pid).doesNotExist();
        }
        assertThat(children()).isEmpty();
    }

    /**
     * The layers of one image are inflated at once, one per core: each layer's store waits until
     * every layer has been asked for, which only a parallel read gets past.
     */
    @ParameterizedTest
    @EnumSource(GzipInflater.class)
    void theLayersOfAnImageAreInflatedAtOnce(GzipInflater inflater) throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        Map<String, byte[]> blobs = new java.util.LinkedHashMap<>();
        List<Descriptor> layers = new java.util.ArrayList<>();
        for (int i = 0; i < cores; i++) {
            byte[] blob = gzip(new TarLayer().file("layer-" + i, 0644, "content " + i + "\n").bytes());
            blobs.put(Digests.sha256(blob), blob);
            layers.add(new Descriptor(GZIP, Digests.sha256(blob), blob.length, null, null, null, Map.of()));
        }
        CountDownLatch allAsked = new CountDownLatch(cores);
        ContentStore store = new BlobStore("parallel", d -> {
            allAsked.countDown();
            try {
                if (!allAsked.await(60, TimeUnit.SECONDS)) {
                    throw new IOException("the other layers were not asked for while this one was open: layers are read one by one");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
            return new ByteArrayInputStream(blobs.get(d.digest()));
        });
        Descriptor config = new Descriptor("application/vnd.oci.image.config.v1+json", "sha256:" + "c".repeat(64), 2, null, null, null, Map.of());
        PlatformImage image = new PlatformImage(dev.archgate.platform.Platform.parse("linux/amd64"), null,
                new ImageManifest("sha256:" + "d".repeat(64), "application/vnd.oci.image.manifest.v1+json", config, layers), null);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(cores);
        try {
            MergedFilesystem fs = ImageResolver.filesystem(new ImageSource(store), image, pool, inflater);
            assertThat(fs.entry("/layer-" + (cores - 1))).isPresent();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aFailedReadLeavesNoChild() throws IOException {
        byte[] blob = Arrays.copyOf(gzip(tar()), 100_000);
        for (GzipInflater inflater : List.of(GzipInflater.IGZIP, GzipInflater.UNPIGZ)) {
            assertThatThrownBy(() -> LayerStreamsTest.read(blob, GZIP, inflater)).isInstanceOf(ArchgateException.class);
            assertThat(children()).as("after %s", inflater).isEmpty();
        }
    }

    @Test
    void aSettingNamesAnInflaterOrIsRefusedInOneSentence() {
        String path = System.getenv("PATH");
        assertThat(GzipInflater.choose(null, path)).as("igzip is installed (dev/setup-host)").isEqualTo(GzipInflater.IGZIP);
        assertThat(GzipInflater.choose("", path)).isEqualTo(GzipInflater.IGZIP);
        assertThat(GzipInflater.choose("unpigz", path)).isEqualTo(GzipInflater.UNPIGZ);
        assertThat(GzipInflater.choose("JDK", path)).isEqualTo(GzipInflater.JDK);
        assertThat(GzipInflater.choose(null, "/nonexistent")).isEqualTo(GzipInflater.JDK);
        assertThat(GzipInflater.choose("jdk", "/nonexistent")).isEqualTo(GzipInflater.JDK);
        assertThatThrownBy(() -> GzipInflater.choose("zlib-ng", path)).isInstanceOf(ArchgateException.class)
                .hasMessage("ARCHGATE_INFLATER=zlib-ng names no gzip inflater archgate knows: set it to jdk, igzip or unpigz, or unset it to "
                        + "use the fastest one installed")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);
        assertThatThrownBy(() -> GzipInflater.choose("igzip", "/nonexistent")).isInstanceOf(ArchgateException.class)
                .hasMessage("ARCHGATE_INFLATER=igzip asks for igzip, which is not on the PATH: install it (apt-get install isal) or unset "
                        + "ARCHGATE_INFLATER")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
    }

    /** The inflater children of this JVM, zombies included (they keep their /proc entry). */
    private static List<Long> children() {
        return ProcessHandle.current().descendants().filter(p -> CHILDREN.contains(comm(p.pid()))).map(ProcessHandle::pid).toList();
    }

    private static String comm(long pid) {
        try {
            return Files.readString(Path.of("/proc/" + pid + "/comm")).strip();
        } catch (IOException e) {
            return ""; // gone meanwhile
        }
    }

    private static List<Long> waitForChild() throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < end) {
            List<Long> found = children();
            if (!found.isEmpty()) {
                return found;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no inflater child started within 60 s");
    }
}
