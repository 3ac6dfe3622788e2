package dev.archgate.smoke;

import java.util.List;
import java.util.Locale;

/**
 * An engine pull the registry refused for want of a (valid) login. Docker Engine's words for it:
 * "pull access denied", "unauthorized", "no basic auth credentials", "authentication required"
 * (moby's distribution errors), which arrive wrapped in its JSON error body.
 */
final class PullRefusal {
    private static final List<String> WORDS = List.of("pull access denied", "unauthorized", "no basic auth credentials",
            "authentication required", "denied: ");

    private PullRefusal() {}

    static boolean matches(String engineMessage) {
        String m = engineMessage == null ? "" : engineMessage.toLowerCase(Locale.ROOT);
        return WORDS.stream().anyMatch(m::contains);
    }

    static String sentence(String registry, String image) {
        return "registry " + registry + " refused the Docker Engine's pull of " + image + " for want of a valid login: log in to "
                + registry + " with a user that may read it (docker login " + registry + ", docker/login-action with DOCKER_CONFIG "
                + "under runner.temp, or the action's registry, username and password inputs)";
    }
}
