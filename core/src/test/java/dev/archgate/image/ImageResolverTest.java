package dev.archgate.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.Digests;
import dev.archgate.image.model.MediaTypes;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.image.model.ResolvedImage;
import dev.archgate.image.store.ContentStore;
import dev.archgate.image.store.ImageSource;
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

    /** Blobs by digest in memory, as a store serves them, unchecked; {@code top} is what the name points at. */
    private static final class MemorySource implements ContentStore {
        private final Map<String, byte[]> blobs = new HashMap<>();
        private String top;

        String put(String json) {
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            String digest = Digests.sha256(bytes);
            blobs.put(digest, bytes);
            return digest;
        }

        long size(String digest) {
            return blobs.containsKey(digest) ? blobs.get(digest).length : -1;
        }

        ImageSource source() {
            return new ImageSource(this);
        }

        @Override
        public String name() {
            return "memory/app:1";
        }

        @Override
        public Served top() {
            return new Served(top, -1, "", new ByteArrayInputStream(blobs.get(top)));
        }

        @Override
        public Served manifest(Descriptor manifest) {
            return new Served(manifest.digest(), manifest.size(), "", blob(manifest));
        }

        @Override
        public InputStream blob(Descriptor blob) {
            return new ByteArrayInputStream(blobs.get(blob.digest()));
        }
    }

    private static String config(String arch, String variant) {
        return "{\"os\":\"linux\",\"architecture\":\"" + arch + "\"" + (variant == null ? "" : ",\"variant\":\"" + variant + "\"")
                + ",\"config\":{\"Entrypoint\":[\"/app\"],\"Env\":[\"PATH=/bin\"]}}";
    }

    /** A manifest whose config descriptor gives the size the memory store holds for it (-1: none, as old tools wrote). */
    private static String manifest(MemorySource s, String configDigest, String configType) {
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"config\":{\"mediaType\":\"" + configType
                + "\",\"digest\":\"" + configDigest + "\",\"size\":" + s.size(configDigest) + "},\"layers\":[]}";
    }

    private static String entry(MemorySource s, String digest, String arch, String variant, String annotations) {
        return "{\"mediaType\":\"" + MediaTypes.OCI_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":" + s.size(digest) + ",\"platform\":{\"os\":\""
                + (arch.equals("unknown") ? "unknown" : "linux") + "\",\"architecture\":\"" + arch + "\""
                + (variant == null ? "" : ",\"variant\":\"" + variant + "\"") + "}" + (annotations == null ? "" : ",\"annotations\":" + annotations) + "}";
    }

    private static String variant(MemorySource s, String arch, String variant) {
        return s.put(manifest(s, s.put(config(arch, variant)), MediaTypes.OCI_CONFIG));
    }

    @Test
    void anIndexOffersItsPlatformsWithoutAttestationsAndTheExactArmLevelIsChosen() throws Exception {
        MemorySource s = new MemorySource();
        String v6 = variant(s, "arm", "v6");
        String v7 = variant(s, "arm", "v7");
        String amd64 = variant(s, "amd64", null);
        String attestation = s.put(manifest(s, s.put("{}"), "application/vnd.in-toto+json"));
        s.top = s.put("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":[" + String.join(",",
                entry(s, amd64, "amd64", null, null), entry(s, v6, "arm", "v6", null), entry(s, v7, "arm", "v7", null),
                entry(s, attestation, "unknown", "unknown", "{\"vnd.docker.reference.type\":\"attestation-manifest\",\"vnd.docker.reference.digest\":\""
                        + amd64 + "\"}")) + "]}");

        List<Platform> asked = Platform.parseList("linux/arm/v7,linux/arm/v6,linux/arm64,linux/amd64");
        ResolvedImage image = ImageResolver.resolve(s.source(), asked);

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

        ResolvedImage image = ImageResolver.resolve(s.source(), Platform.parseList("linux/arm64,linux/amd64"));

        assertThat(image.isIndex()).isFalse();
        assertThat(image.offered()).containsExactly("linux/arm64");
        assertThat(image.variants().get(Platform.parse("linux/arm64")).orElseThrow().entry().digest()).isEqualTo(s.top);
        assertThat(image.variants().get(Platform.parse("linux/amd64"))).isEmpty();
    }

    @Test
    void anArtifactIsNotAContainerImage() {
        MemorySource s = new MemorySource();
        s.top = s.put(manifest(s, s.put("{}"), "application/vnd.cncf.helm.config.v1+json"));

        assertThatThrownBy(() -> ImageResolver.resolve(s.source(), Platform.parseList("linux/amd64"))).isInstanceOf(ArchgateException.class)
                .hasMessage("memory/app:1 is not a container image (its manifest " + s.top
                        + " has a config of type application/vnd.cncf.helm.config.v1+json): name a container image");
    }

    @Test
    void aConfigWhoseBytesDoNotMatchItsDigestIsCorrupt() {
        MemorySource s = new MemorySource();
        String config = s.put(config("amd64", null));
        s.blobs.put(config, "{\"os\":\"linux\",\"architecture\":\"arm64\"}".getBytes(StandardCharsets.UTF_8));
        s.top = s.put(manifest(s, config, MediaTypes.DOCKER_CONFIG));

        assertThatThrownBy(() -> ImageResolver.resolve(s.source(), Platform.parseList("linux/amd64"))).isInstanceOf(ArchgateException.class)
                .hasMessage("config " + config + " of memory/app:1 is corrupt or truncated: its content hashes to "
                        + Digests.sha256(s.blobs.get(config)) + "; push or export the image again")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
    }

    @Test
    void anIndexEntryWhoseSizeDiffersFromTheManifestIsCorrupt() {
        MemorySource s = new MemorySource();
        String amd64 = variant(s, "amd64", null);
        long real = s.size(amd64);
        s.top = s.put("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + entry(s, amd64, "amd64", null, null).replace("\"size\":" + real, "\"size\":" + (real - 1)) + "]}");

        assertThatThrownBy(() -> ImageResolver.resolve(s.source(), Platform.parseList("linux/amd64"))).isInstanceOf(ArchgateException.class)
                .hasMessage("manifest " + amd64 + " of memory/app:1 is corrupt or truncated: it has more than the " + (real - 1)
                        + " bytes its descriptor gives; push or export the image again");
    }

    @Test
    void anEntryThatNamesNoDigestNeverReachesTheStore() {
        MemorySource s = new MemorySource();
        String amd64 = variant(s, "amd64", null);
        s.top = s.put("{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.OCI_INDEX + "\",\"manifests\":["
                + entry(s, amd64, "amd64", null, null).replace(amd64, "sha256:../../../etc/passwd") + "]}");

        assertThatThrownBy(() -> ImageResolver.resolve(s.source(), Platform.parseList("linux/amd64"))).isInstanceOf(ArchgateException.class)
                .hasMessage("manifest of memory/app:1 is named by 'sha256:../../../etc/passwd', which is not a sha256 or sha512 digest: "
                        + "the image is corrupt; push or export it again")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
    }

    @Test
    void aStoreThatServesEndlessBytesIsCutOffAtTheManifestLimit() {
        ContentStore endless = new ContentStore() {
            @Override
            public String name() {
                return "endless/app:1";
            }

            @Override
            public Served top() {
                // '{' then spaces for ever: valid JSON so far, and never ending.
                return new Served("sha256:" + "a".repeat(64), -1, "", new InputStream() {
                    private boolean first = true;

                    @Override
                    public int read() {
                        boolean was = first;
                        first = false;
                        return was ? '{' : ' ';
                    }
                });
            }

            @Override
            public Served manifest(Descriptor d) {
                throw new UnsupportedOperationException();
            }

            @Override
            public InputStream blob(Descriptor d) {
                throw new UnsupportedOperationException();
            }
        };
        assertThatThrownBy(() -> new ImageSource(endless).top()).isInstanceOf(ArchgateException.class)
                .hasMessage("manifest sha256:" + "a".repeat(64) + " of endless/app:1 is larger than " + ImageSource.MAX_MANIFEST
                        + " bytes, far more than any real one: the image is corrupt or hostile");
    }
}
