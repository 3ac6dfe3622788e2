package dev.archgate.image.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The forms the README ("REF is a registry reference, or docker-daemon:NAME (the local engine), oci:DIR[:REF] or
 * oci-archive:FILE[:REF]") and {@code archgate audit --help} give, read as gate/ImageSources read them by prefix
 * before this type (the last colon after the first character splits off an OCI ref name), and as
 * gate/Engine.pinned wrote what the engine runs.
 */
class ImageLocationTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @Test
    void aPlainReferenceIsARegistryImageParsedAsDockerSpellsIt() {
        ImageLocation l = ImageLocation.parse("registry.example.com/team/app:1.2.3");
        assertThat(l.kind()).isEqualTo(ImageLocation.Kind.REGISTRY);
        assertThat(l.reference()).isEqualTo(new ImageReference("registry.example.com", "team/app", "1.2.3", null));
        assertThat(ImageLocation.parse("alpine").reference().toString()).isEqualTo("docker.io/library/alpine:latest");
        assertThat(ImageLocation.parse("localhost:5000/app@" + DIGEST).reference().digest()).isEqualTo(DIGEST);
        assertThat(l.runsAsContainer()).isTrue();
        assertThat(l).hasToString("registry.example.com/team/app:1.2.3");
    }

    /** Gate.merge took any image whose text began with "oci" for an OCI layout and so promoted no registry image named so. */
    @Test
    void aRegistryRepositoryNamedOciSomethingIsARegistryImage() {
        assertThat(ImageLocation.parse("ocirepo/app:1").kind()).isEqualTo(ImageLocation.Kind.REGISTRY);
    }

    @Test
    void dockerDaemonNamesAnImageOfTheLocalEngine() {
        ImageLocation l = ImageLocation.parse("docker-daemon:app:dev");
        assertThat(l.kind()).isEqualTo(ImageLocation.Kind.ENGINE);
        assertThat(l.name()).isEqualTo("app:dev");
        assertThat(l.runsAsContainer()).isTrue();
    }

    @Test
    void ociLayoutsAndArchivesTakeAnOptionalRefNameAfterTheLastColon() {
        ImageLocation dir = ImageLocation.parse("oci:/tmp/layout");
        assertThat(dir.kind()).isEqualTo(ImageLocation.Kind.OCI_LAYOUT);
        assertThat(dir.path()).isEqualTo(Path.of("/tmp/layout"));
        assertThat(dir.name()).isNull();
        ImageLocation named = ImageLocation.parse("oci:/tmp/layout:v1");
        assertThat(named.path()).isEqualTo(Path.of("/tmp/layout"));
        assertThat(named.name()).isEqualTo("v1");
        ImageLocation archive = ImageLocation.parse("oci-archive:image.tar:v1");
        assertThat(archive.kind()).isEqualTo(ImageLocation.Kind.OCI_ARCHIVE);
        assertThat(archive.path()).isEqualTo(Path.of("image.tar"));
        assertThat(archive.name()).isEqualTo("v1");
        assertThat(dir.runsAsContainer()).isFalse();
        assertThat(archive.runsAsContainer()).isFalse();
    }

    @Test
    void aPrefixWithNothingAfterItIsRefusedInOneSentenceNamingTheForm() {
        assertRefused("oci:", "'oci:' names no image: write oci:DIR[:REF] (oci:. for this directory), as buildx --output type=oci writes it");
        assertRefused("oci-archive:", "'oci-archive:' names no image: write oci-archive:FILE[:REF], as buildx --output type=oci writes it");
        assertRefused("docker-daemon:", "'docker-daemon:' names no image: write docker-daemon:NAME, the name of an image the local Docker Engine holds");
    }

    @Test
    void aBadRegistryReferenceIsRefusedWithTheReferencesOwnRule() {
        assertRefused("", "an empty image reference: give one such as registry.example.com/app:1.2.3");
        assertRefused("Team/App:1", "'Team/App:1' is not a valid image reference: a repository name is lower-case letters, digits and separators, e.g. team/app");
        assertRefused("app@sha256:abc", "'app@sha256:abc' is not a valid image reference: the digest must be sha256: followed by 64 lower-case hex digits");
    }

    @Test
    void theEngineRunsARegistryImageByDigestAndAnEngineImageByName() {
        assertThat(ImageLocation.parse("registry.example.com/app:1.2.3").pinned(DIGEST)).isEqualTo("registry.example.com/app@" + DIGEST);
        assertThat(ImageLocation.parse("localhost:5000/app").pinned(DIGEST)).isEqualTo("localhost:5000/app@" + DIGEST);
        assertThat(ImageLocation.parse("app:1@sha256:" + "cd".repeat(32)).pinned(DIGEST)).isEqualTo("app@" + DIGEST);
        assertThat(ImageLocation.parse("docker-daemon:app:dev").pinned(DIGEST)).isEqualTo("app:dev");
    }

    private static void assertRefused(String given, String sentence) {
        assertThatThrownBy(() -> ImageLocation.parse(given))
                .isInstanceOfSatisfying(ArchgateException.class, e -> assertThat(e.kind()).isEqualTo(ArchgateException.Kind.USAGE))
                .hasMessage(sentence);
    }
}
