package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.ProbeProgram;
import dev.archgate.platform.Platform;
import dev.archgate.testing.AuthRegistry;
import dev.archgate.testing.IntegrationTest;
import dev.archgate.testing.OciImage;
import dev.archgate.testing.TarLayer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every manifest, index, config and layer is checked against the digest it was asked by,
 * whatever the source: a registry (a real one, whose stored files the test damages) and an OCI
 * layout. A mismatch exits 3 with one sentence naming the content, the image, the expected and
 * the found digest.
 */
@IntegrationTest
class ContentIntegrityIT {
    /** An amd64 image that passes the audit: a static program that prints "ok", as its entrypoint. */
    private static OciImage passing() throws Exception {
        return OciImage.linux("amd64").entrypoint("/app").description("made by a test " + UUID.randomUUID())
                .layer(new TarLayer().file("app", 0755, ProbeProgram.elf(Platform.parse("linux/amd64"))).bytes());
    }

    /** Changes a stored JSON blob without breaking it, the way a tampering proxy or a bad disk would keep it readable. */
    private static String tamper(Path blob, String from, String to) throws Exception {
        String json = Files.readString(blob, StandardCharsets.UTF_8);
        assertThat(json).contains(from);
        byte[] changed = json.replaceFirst(java.util.regex.Pattern.quote(from), to).getBytes(StandardCharsets.UTF_8);
        Files.write(blob, changed);
        return OciImage.sha256(changed);
    }

    private static String digestOf(Path blob) throws Exception {
        return OciImage.sha256(Files.readAllBytes(blob));
    }

    @Test
    void aRegistryServingATamperedIndexOrManifestExits3NamingBothDigests(@TempDir Path dir) throws Exception {
        try (AuthRegistry registry = AuthRegistry.startWithoutLogins(dir, 5071)) {
            String ref = registry.address() + "/archgate/tamper:1";
            String index = passing().push(registry.address(), "archgate/tamper", "1");
            CliRun intact = CliRun.of("audit", ref, "--platforms", "linux/amd64");
            assertThat(intact.status()).as(intact.err()).isZero();

            // The index the tag points at: the registry still names the original digest for the tag.
            String found = tamper(registry.blobData(index), "made by a test", "made by a fake");
            CliRun run = CliRun.of("audit", ref, "--platforms", "linux/amd64");
            assertThat(run.status()).as(run.out() + run.err()).isEqualTo(3);
            assertThat(run.err().strip()).isEqualTo("archgate: index " + index + " of " + ref + " is corrupt or truncated: its content "
                    + "hashes to " + found + "; push or export the image again");
        }
    }

    @Test
    void aRegistryServingATamperedPlatformManifestExits3(@TempDir Path dir) throws Exception {
        try (AuthRegistry registry = AuthRegistry.startWithoutLogins(dir, 5072)) {
            String ref = registry.address() + "/archgate/tamper:2";
            OciImage image = passing();
            image.push(registry.address(), "archgate/tamper", "2");
            String manifest = image.manifestDigest();
            // A layer relabelled from gzip to zstd: same length, still valid JSON, fetched by its digest.
            String found = tamper(registry.blobData(manifest), "tar+gzip", "tar+zstd");
            CliRun run = CliRun.of("audit", ref, "--platforms", "linux/amd64");
            assertThat(run.status()).as(run.out() + run.err()).isEqualTo(3);
            assertThat(run.err().strip()).isEqualTo("archgate: manifest " + manifest + " of " + ref + " is corrupt or truncated: its "
                    + "content hashes to " + found + "; push or export the image again");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"index", "manifest", "config", "layer"})
    void aTamperedOciLayoutExits3NamingTheContentTheImageAndBothDigests(String what, @TempDir Path dir) throws Exception {
        OciImage image = passing();
        Path layout = image.writeLayout(dir.resolve("layout"));
        String ref = "oci:" + layout;
        CliRun intact = CliRun.of("audit", ref, "--platforms", "linux/amd64");
        assertThat(intact.status()).as(intact.err()).isZero();

        String expected = switch (what) {
            case "index" -> image.indexDigest();
            case "manifest" -> image.manifestDigest();
            case "config" -> image.configDigest();
            default -> image.layerDigest(0);
        };
        Path blob = layout.resolve("blobs/sha256").resolve(expected.substring(7));
        String found = switch (what) {
            case "index" -> tamper(blob, "made by a test", "made by a fake");
            case "manifest" -> tamper(blob, "tar+gzip", "tar+zstd");
            case "config" -> tamper(blob, "amd64", "arm64"); // relabelled for another platform
            default -> {
                byte[] bytes = Files.readAllBytes(blob);
                bytes[bytes.length - 5] ^= 0x55; // in the gzip trailer: decompression alone would not notice
                Files.write(blob, bytes);
                yield digestOf(blob);
            }
        };
        CliRun run = CliRun.of("audit", ref, "--platforms", "linux/amd64");
        assertThat(run.status()).as(run.out() + run.err()).isEqualTo(3);
        assertThat(run.err().strip()).isEqualTo("archgate: " + what + " " + expected + " of " + ref + " is corrupt or truncated: its "
                + "content hashes to " + found + "; push or export the image again");
    }
}
