package dev.archgate.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.platform.Platform;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Choosing index entries for platforms, over JSON the way registries and buildx write it. */
class ImageResolverTest {

    /** Blobs by digest in memory; {@code top} is what the name points at. */
    private static final class MemorySource implements ImageSource {
        private final Map<String, byte[]> blobs = new HashMap<>();
        private String top;

        String put(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            String digest = RegistrySource.sha256(bytes);
            blobs.put(digest, bytes);
            return digest;
        }

        @Override
        public String name() {
            return "memory/app:1";
        }

        @Override
        public RawManifest top() {
            return manifest(top);
        }

        @Override
        public RawManifest manifest(String digest) {
            byte[] bytes = blobs.get(digest);
            return new RawManifest(ManifestJson.declaredMediaType(bytes), digest, bytes);
        }

        @Override
        public InputStream blob(String digest) {
            return new ByteArrayInputStream(blobs.get(digest));
        }
    }

    private static String config(String arch, String variant) {
        return "{\"os\":\"linux\",\"architecture\":\"" + arch + "\"" + (variant == null ? "" : ",\"variant\":\"" + variant + "\"")
                + ",\"config\":{\"Entrypoint\":[\"/app\"],\"Env\":[\"PATH=/bin\"]}}";
    }

    private static String manifest(String configDigest, String configType) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + configType
                + "\",\"digest\":\"" + configDigest + "\",\"size\":1},\"layers\":[]}";
    }

    private static String entry(String digest, String arch, String variant, String annotations) {
        return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":1,\"platform\":{\"os\":\""
                + (arch.equals("unknown") ? "unknown" : "linux") + "\",\"architecture\":\"" + arch + "\""
                + (variant == null ? "" : ",\"variant\":\"" + variant + "\"") + "}" + (annotations == null ? "" : ",\"annotations\":" + annotations) + "}";
    }

    private static String variant(MemorySource s, String arch, String variant) {
        return s.put(manifest(s.put(config(arch, variant)), MediaTypes.OCI_CONFIG));
    }

    @Test
    void anIndexOffersItsPlatformsWithoutAttestationsAndTheExactArmLevelIsChosen() throws Exception {
        MemorySource s = new MemorySource();
        String v6 = variant(s, "arm", "v6");
        String v7 = variant(s, "arm", "v7");
        String amd64 = variant(s, "amd64", null);
        String attestation = s.put(manifest(s.put("{}"), "application/vnd.in-toto+json"));
        s.top = s.put("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + String.join(",",
                entry(amd64, "amd64", null, null), entry(v6, "arm", "v6", null), entry(v7, "arm", "v7", null),
                entry(attestation, "unknown", "unknown", "{\"vnd.docker.reference.type\":\"attestation-manifest\",\"vnd.docker.reference.digest\":\""
                        + amd64 + "\"}")) + "]}");

        List<Platform> asked = Platform.parseList("linux/arm/v7,linux/arm/v6,linux/arm64,linux/amd64");
        ResolvedImage image = ImageResolver.resolve(s, asked);

        assertThat(image.isIndex()).isTrue();
        assertThat(image.digest()).isEqualTo(s.top);
        assertThat(image.offered()).containsExactly("linux/amd64", "linux/arm/v6", "linux/arm/v7");
        assertThat(image.variants().keySet()).containsExactlyElementsOf(asked);
        assertThat(image.variants().get(asked.get(0)).orElseThrow().manifest().digest()).isEqualTo(v7);
        assertThat(image.variants().get(asked.get(1)).orElseThrow().manifest().digest()).isEqualTo(v6);
        assertThat(image.variants().get(asked.get(2))).isEmpty();
        PlatformImage x86 = image.variants().get(asked.get(3)).orElseThrow();
        assertThat(x86.config().entrypoint()).containsExactly("/app");
        assertThat(x86.config().path()).isEqualTo("/bin");
    }

    @Test
    void aSingleManifestIsAnIndexOfOneWhosePlatformItsConfigNames() throws Exception {
        MemorySource s = new MemorySource();
        s.top = variant(s, "arm64", null);

        ResolvedImage image = ImageResolver.resolve(s, Platform.parseList("linux/arm64,linux/amd64"));

        assertThat(image.isIndex()).isFalse();
        assertThat(image.offered()).containsExactly("linux/arm64");
        assertThat(image.variants().get(Platform.parse("linux/arm64")).orElseThrow().entry().digest()).isEqualTo(s.top);
        assertThat(image.variants().get(Platform.parse("linux/amd64"))).isEmpty();
    }

    @Test
    void anArtifactIsNotAContainerImage() {
        MemorySource s = new MemorySource();
        s.top = s.put(manifest(s.put("{}"), "application/vnd.cncf.helm.config.v1+json"));

        assertThatThrownBy(() -> ImageResolver.resolve(s, Platform.parseList("linux/amd64"))).isInstanceOf(ImageException.class)
                .hasMessage("memory/app:1 is not a container image (its manifest " + s.top
                        + " has a config of type application/vnd.cncf.helm.config.v1+json): name a container image");
    }

    @Test
    void aConfigWhoseBytesDoNotMatchItsDigestIsCorrupt() {
        MemorySource s = new MemorySource();
        String config = s.put(config("amd64", null));
        s.blobs.put(config, "{\"os\":\"linux\",\"architecture\":\"arm64\"}".getBytes(StandardCharsets.UTF_8));
        s.top = s.put(manifest(config, MediaTypes.DOCKER_CONFIG));

        assertThatThrownBy(() -> ImageResolver.resolve(s, Platform.parseList("linux/amd64"))).isInstanceOf(ImageException.class)
                .hasMessage("config " + config + " of memory/app:1 does not match its digest: push the image again")
                .extracting(e -> ((ImageException) e).kind()).isEqualTo(ImageException.Kind.ENVIRONMENT);
    }
}
