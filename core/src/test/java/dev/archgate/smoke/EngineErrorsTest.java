package dev.archgate.smoke;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The engine's errors as a user reads them. The texts are docker-java 3.4's (its DockerException
 * is "Status N: " and the engine's JSON body) around Docker Engine 26's words for a pull the
 * registry refuses, as the issue quotes them from a real run.
 */
class EngineErrorsTest {
    private static final String DENIED = "Status 500: {\"message\":\"failed to resolve reference \\\"127.0.0.1:5001/team/app:1\\\": "
            + "pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: "
            + "authorization failed\"}\n";

    @Test
    void theEnginesMessageIsShownWithoutTheStatusAndJsonAroundIt() {
        assertThat(EngineErrors.said(DENIED)).isEqualTo("failed to resolve reference \"127.0.0.1:5001/team/app:1\": pull access denied, "
                + "repository does not exist or may require authorization: server message: insufficient_scope: authorization failed");
        assertThat(EngineErrors.said("Status 409: {\"message\":\"container is not running\"}")).isEqualTo("container is not running");
        assertThat(EngineErrors.said("Could not pull image: manifest unknown\nmore")).isEqualTo("Could not pull image: manifest unknown");
        assertThat(EngineErrors.said(null)).isEqualTo("the Docker Engine refused");
    }

    @Test
    void aRefusedPullIsACredentialsProblemNamingTheRegistry() {
        String image = "127.0.0.1:5001/team/app@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

        assertThat(EngineErrors.deniedPull(EngineErrors.said(DENIED), image)).hasValueSatisfying(sentence -> assertThat(sentence)
                .startsWith("the registry 127.0.0.1:5001 refused to let the Docker Engine pull " + image)
                .endsWith("run 'docker login 127.0.0.1:5001' where the engine runs, with an account that may pull it")
                .doesNotContain("{", "Status 500"));
        assertThat(EngineErrors.deniedPull("container is not running", image)).isEmpty();
    }
}
