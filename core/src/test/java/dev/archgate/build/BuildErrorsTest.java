package dev.archgate.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.ArchgateException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How a failed registry step is classified. The texts are buildx 0.13.1's own: the refused
 * connection was printed by {@code docker buildx build --push -t 127.0.0.1:5998/h14/down:1} on
 * this machine with nothing listening there; the status texts are containerd's
 * ({@code remotes/docker/resolver.go}: "unexpected status from HEAD request to URL: STATUS";
 * {@code remotes/docker/authorizer.go}: "failed to fetch anonymous token: unexpected status: 401 Unauthorized").
 * BuildxFailuresIT once classified a refused push as a usage error under load: the blob
 * digest in the URL (it changes with every build, the layer holds the file's time) and the
 * ephemeral port of a fake registry can hold the digits "401" or "403".
 */
class BuildErrorsTest {

    private static final String REFUSED = "failed to push 127.0.0.1:%s/h14/down:1: failed to do request: Head "
            + "\"https://127.0.0.1:%s/v2/h14/down/blobs/sha256:%s\": dial tcp 127.0.0.1:%s: connect: connection refused";

    @ParameterizedTest
    @ValueSource(strings = {
        "0e127866d773460e58419bea99cf4bea67bda08436a5b9f22960b8ba79b217ce",
        "0e127866d773460e58419bea99cf4bea67bda08436a5b9f22960b8ba79b40100",
        "403e7866d773460e58419bea99cf4bea67bda08436a5b9f22960b8ba79b217ce",
        "0e127866d773460e58419bea99cf4bea67bda08436a5b9f22960b8ba79b2-401"})
    void aRefusedPushIsTheEnvironmentWhateverDigitsItsDigestHolds(String digest) {
        BuildFailure f = BuildErrors.registry("exporting to image", String.format(REFUSED, "5998", "5998", digest, "5998"));
        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
        assertThat(f.message()).contains("the registry 127.0.0.1:5998 is unreachable while pushing the image");
    }

    @ParameterizedTest
    @ValueSource(strings = {"40123", "34013", "40301", "35003", "50012"})
    void aRefusedPushIsTheEnvironmentWhateverItsPort(String port) {
        String digest = "0e127866d773460e58419bea99cf4bea67bda08436a5b9f22960b8ba79b217ce";
        BuildFailure f = BuildErrors.registry("exporting to image", String.format(REFUSED, port, port, digest, port));
        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
        assertThat(f.message()).contains("is unreachable while pushing the image");
    }

    @Test
    void aServerErrorOnAPortWithDeniedDigitsIsTheEnvironment() {
        BuildFailure f = BuildErrors.registry("exporting to image", "failed to push 127.0.0.1:40301/h14/failing:1: "
                + "unexpected status from HEAD request to http://127.0.0.1:40301/v2/h14/failing/blobs/sha256:"
                + "401e7866d773460e58419bea99cf4bea67bda08436a5b9f22960b8ba79b217ce: 500 Internal Server Error");
        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
        assertThat(f.message()).contains("the registry 127.0.0.1:40301 answered with a server error while pushing the image");
    }

    @Test
    void aDeniedStatusIsTheUsersToFix() {
        BuildFailure f = BuildErrors.registry("exporting to image", "failed to push 127.0.0.1:5001/team/app:1: "
                + "failed to authorize: failed to fetch anonymous token: unexpected status: 401 Unauthorized");
        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.USAGE);
        assertThat(f.message()).contains("the registry 127.0.0.1:5001 refused access while pushing the image", "docker login 127.0.0.1:5001");
    }

    @Test
    void aForbiddenHeadIsTheUsersToFix() {
        BuildFailure f = BuildErrors.registry("[internal] load metadata for 127.0.0.1:5001/base/busybox:1",
                "unexpected status from HEAD request to http://127.0.0.1:5001/v2/base/busybox/manifests/1: 403 Forbidden");
        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.USAGE);
        assertThat(f.message()).contains("refused access while reading a base image");
    }
}
