package dev.archgate.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How a failed push is classified, from buildx 0.13's own words: the "exporting to image" vertex
 * error and the closing "ERROR: failed to solve" line below were written by
 * {@code docker buildx build --progress=rawjson --push} to a registry address nothing listens on
 * (BuildxFailuresIT makes the same build). The blob digest in them changes with every build (a
 * context file's mtime changes the layer), so the kind must not depend on which hex digits it has.
 */
class BuildProgressTest {
    private static final List<Platform> TWO = Platform.parseList("linux/amd64,linux/arm64");

    private static BuildFailure pushFailure(String blobDigest) {
        String error = "failed to push 127.0.0.1:5998/h14/down:1: failed to do request: Head \\\"https://127.0.0.1:5998/v2/h14/down/blobs/"
                + "sha256:" + blobDigest + "\\\": dial tcp 127.0.0.1:5998: connect: connection refused";
        BuildProgress progress = new BuildProgress(line -> { });
        for (String line : List.of("{", "  \"vertexes\": [", "    {", "      \"digest\": \"sha256:1b2c\",",
                "      \"name\": \"exporting to image\",", "      \"started\": \"2026-12-04T17:06:40.1Z\",",
                "      \"completed\": \"2026-12-04T17:06:40.3Z\",", "      \"error\": \"" + error + "\"", "    }", "  ]", "}",
                "ERROR: failed to solve: " + error.replace("\\\"", "\""))) {
            progress.line(line);
        }
        return progress.failure(TWO, 1);
    }

    @Test
    void aPushToARegistryThatIsDownIsTheEnvironmentsWhateverTheDigestsDigits() {
        String seen = "cd71633ed8b6cd27637743873bd276cad7197c530a6cc0a7cb372e8b3e6ac53c"; // the run quoted above
        String with401 = "cd71633ed8b6cd27637743873bd276cad7197c530a6cc0a7cb372e8b3e401403"; // one of every few dozen builds
        for (String digest : List.of(seen, with401)) {
            BuildFailure f = pushFailure(digest);

            assertThat(f.stop()).as(digest).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
            assertThat(f.message()).as(digest).contains("the registry 127.0.0.1:5998 is unreachable while pushing the image",
                    "connection refused");
        }
    }

    @Test
    void aRefusedLoginIsStillTheUsersToFix() {
        BuildProgress progress = new BuildProgress(line -> { });
        progress.line("ERROR: failed to solve: failed to push 127.0.0.1:5001/team/app:1: unexpected status from HEAD request to "
                + "http://127.0.0.1:5001/v2/team/app/blobs/sha256:cd71633ed8b6cd27: 401 Unauthorized");

        BuildFailure f = progress.failure(TWO, 1);

        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.USAGE);
        assertThat(f.message()).contains("the registry 127.0.0.1:5001 refused access while pushing the image", "docker login 127.0.0.1:5001");
    }
}
