package dev.archgate.image.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ImageReferenceTest {
    private static final String DIGEST = "sha256:" + "ab".repeat(32);

    @ParameterizedTest
    @CsvSource({
        "busybox,                              docker.io, library/busybox,   latest,",
        "team/app:1.2.3,                       docker.io, team/app,          1.2.3,",
        "docker.io/busybox:1,                  docker.io, library/busybox,   1,",
        "index.docker.io/team/app,             docker.io, team/app,          latest,",
        "localhost/app,                        localhost, app,               latest,",
        "localhost:5000/app:v2,                localhost:5000, app,          v2,",
        "127.0.0.1:5000/archgate/fixtures/good-static:latest, 127.0.0.1:5000, archgate/fixtures/good-static, latest,",
        "registry.example.com/a/b/c:x_y-z.1,   registry.example.com, a/b/c,   x_y-z.1,",
        "[::1]:5000/app,                       '[::1]:5000', app,            latest,",
        "my_team/app__x--y,                    docker.io, my_team/app__x--y, latest,",
    })
    void parsesTheWayDockerDoes(String text, String registry, String repository, String tag, String digest) {
        ImageReference r = ImageReference.parse(text);
        assertThat(r).isEqualTo(new ImageReference(registry, repository, tag, digest));
        assertThat(ImageReference.parse(r.toString())).isEqualTo(r);
    }

    @Test
    void aDigestNamesExactBytesAndWinsOverTheTag() {
        ImageReference pinned = ImageReference.parse("registry.example.com/app@" + DIGEST);
        assertThat(pinned.tag()).isNull();
        assertThat(pinned.manifestReference()).isEqualTo(DIGEST);
        assertThat(pinned).hasToString("registry.example.com/app@" + DIGEST);

        ImageReference both = ImageReference.parse("app:1@" + DIGEST);
        assertThat(both.tag()).isEqualTo("1");
        assertThat(both.manifestReference()).isEqualTo(DIGEST);
        assertThat(ImageReference.parse(both.toString())).isEqualTo(both);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Team/App", "app:", "app:-x", "app@sha256:abc", "/app", "app//x", "registry.example.com/", "app:1:2"})
    void aBadReferenceIsOneSentenceThatNamesTheRule(String text) {
        assertThatThrownBy(() -> ImageReference.parse(text)).isInstanceOf(ArchgateException.class)
                .hasMessageStartingWith("'" + text + "' is not a valid image reference: ")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);
    }

    @Test
    void anEmptyReferenceAsksForOne() {
        assertThatThrownBy(() -> ImageReference.parse("  ")).isInstanceOf(ArchgateException.class)
                .hasMessage("an empty image reference: give one such as registry.example.com/app:1.2.3");
    }
}
