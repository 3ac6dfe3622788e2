package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.ProbeProgram;
import dev.archgate.platform.Platform;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.OciImage;
import dev.archgate.testing.TarLayer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CLI with each gzip inflater ARCHGATE_INFLATER names (the real igzip and unpigz, installed by
 * dev/setup-host): a damaged layer or a bomb ends with the same exit status and sentence as with
 * the JDK's inflater, and a setting that names nothing usable is refused in one sentence.
 */
@IntegrationTest
class InflatersIT {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final List<String> INFLATERS = List.of("jdk", "igzip", "unpigz");

    @TempDir
    Path dir;

    private CliProcess audit(String run, Path layout, Map<String, String> env) throws Exception {
        CliProcess a = CliProcess.run(Files.createDirectories(dir.resolve(run)), "256m", Duration.ofMinutes(3), env, "audit", "oci:" + layout,
                "--platforms", AMD64.toString());
        System.out.printf("%-24s exit %d in %5.2f s, peak RSS %4d MB: %s%n", run, a.status(), a.seconds(), a.rssMb(), a.err().strip());
        return a;
    }

    private Path layout(String name, byte[] compressedLayer) throws Exception {
        byte[] app = OciImage.gzip(new TarLayer().file("app", 0755, ProbeProgram.elf(AMD64)).bytes());
        return OciImage.linux("amd64").entrypoint("/app").compressedLayer(app).compressedLayer(compressedLayer)
                .writeLayout(dir.resolve("layout-" + name));
    }


    @Test
    void aCorruptATruncatedAndABombLayerEndAlikeWithEveryInflater() throws Exception {
        byte[] noise = new byte[4 << 20];
        new Random(5).nextBytes(noise);
        byte[] whole = OciImage.gzip(new TarLayer().file("noise", 0644, noise).file("etc/motd", 0644, "hi\n").bytes());
        byte[] corrupt = whole.clone();
        corrupt[whole.length / 2] ^= 0x55;
        Map<String, byte[]> layers = Map.of("corrupt", corrupt, "truncated", Arrays.copyOf(whole, whole.length / 2), "bomb", OciImage.gzipBomb(2));
        for (Map.Entry<String, byte[]> layer : layers.entrySet()) {
            Path layout = layout(layer.getKey(), layer.getValue());
            CliProcess jdk = audit(layer.getKey() + "-jdk", layout, Map.of("ARCHGATE_INFLATER", "jdk"));
            assertThat(jdk.status()).as(layer.getKey()).isEqualTo(3);
            assertThat(jdk.err()).as(layer.getKey()).startsWith("archgate: layer " + OciImage.sha256(layer.getValue()))
                    .contains(layer.getKey().equals("bomb") ? "unpacks to more than 200 times" : "is corrupt or truncated");
            for (String inflater : INFLATERS.subList(1, INFLATERS.size())) {
                CliProcess other = audit(layer.getKey() + "-" + inflater, layout, Map.of("ARCHGATE_INFLATER", inflater));
                assertThat(other.status()).as(layer.getKey() + " with " + inflater).isEqualTo(jdk.status());
                assertThat(other.err()).as(layer.getKey() + " with " + inflater).isEqualTo(jdk.err());
            }
        }
    }

    @Test
    void aSettingThatNamesNoInflaterExits2AndAMissingToolExits3() throws Exception {
        Path layout = OciImage.linux("amd64").entrypoint("/app").layer(new TarLayer().file("app", 0755, ProbeProgram.elf(AMD64)).bytes())
                .writeLayout(dir.resolve("layout"));
        CliProcess unknown = audit("unknown-inflater", layout, Map.of("ARCHGATE_INFLATER", "zlib-ng"));
        assertThat(unknown.status()).isEqualTo(2);
        assertThat(unknown.err().strip()).isEqualTo("archgate: ARCHGATE_INFLATER=zlib-ng names no gzip inflater archgate knows: set it to jdk, "
                + "igzip or unpigz, or unset it to use the fastest one installed");

        CliProcess missing = audit("missing-igzip", layout, Map.of("ARCHGATE_INFLATER", "igzip", "PATH", "/nonexistent"));
        assertThat(missing.status()).isEqualTo(3);
        assertThat(missing.err().strip()).isEqualTo("archgate: ARCHGATE_INFLATER=igzip asks for igzip, which is not on the PATH: install it "
                + "(apt-get install isal) or unset ARCHGATE_INFLATER");

        CliProcess fine = audit("forced-unpigz", layout, Map.of("ARCHGATE_INFLATER", "unpigz"));
        assertThat(fine.status()).as(fine.err()).isZero();
    }
}
