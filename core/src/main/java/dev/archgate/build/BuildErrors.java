package dev.archgate.build;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What buildx's error text says about whose problem a failed build is, where no step of the image failed: an engine or
 * builder that does not answer, a registry that refuses the credentials, lacks a base image, fails or cannot be
 * reached. Read from words, never from what varies between runs (digests, ports), so a kind cannot depend on timing.
 */
final class BuildErrors {
    private static final Pattern REGISTRY_URL = Pattern.compile("https?://([^/\\s\"]+)/v2/");
    private static final Pattern VARYING = Pattern.compile(
            "\"[a-z]+://[^\"]*\"|[a-z]+://\\S+|sha256:[0-9a-f]+|[a-z0-9.-]+:\\d{2,5}\\b|\\b[0-9a-f]{32,}\\b");
    private static final Pattern STATUS_DENIED = Pattern.compile("\\b40[13]\\b");
    private static final Pattern STATUS_SERVER_ERROR = Pattern.compile("\\b5\\d\\d\\b");
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:failed to push|load metadata for|resolve source metadata for|failed to resolve source metadata for) ([^\\s:/]+(?::\\d+)?)/");

    private BuildErrors() {}

    /** The engine (and with it the default builder) does not answer. */
    static BuildFailure engineUnreachable(String text) {
        for (String line : text.split("\n")) {
            String l = line.toLowerCase(Locale.ROOT);
            if (l.contains("cannot connect to the docker daemon") || l.contains("error during connect")
                    || l.contains("failed to dial grpc") || l.contains("listing workers") && l.contains("connection")) {
                return BuildFailure.environment("docker buildx cannot reach its builder (" + line.replaceFirst("^ERROR: ", "").trim()
                        + "): start the Docker Engine or the builder, or point DOCKER_HOST / build.builder at one that runs");
            }
        }
        return null;
    }

    /** A step that talks to a registry: a push, or a base image's metadata. */
    static boolean isRegistryStep(String name, String lowerError) {
        return name.startsWith("exporting") || name.startsWith("pushing") || name.contains("load metadata for")
                || lowerError.contains("failed to push") || lowerError.contains("failed to resolve source metadata");
    }

    /** A registry step failed: credentials and missing images are for the user to fix, an unreachable or failing registry is the environment's. */
    static BuildFailure registry(String step, String error) {
        String lower = error.toLowerCase(Locale.ROOT);
        String words = wordsOf(lower);
        String registry = registryOf(error);
        String doing = step.startsWith("exporting") || lower.contains("failed to push") ? "while pushing the image"
                : "while reading a base image";
        if (STATUS_DENIED.matcher(words).find() || words.contains("unauthorized") || words.contains("denied")
                || words.contains("authentication required")) {
            return BuildFailure.usage("the registry " + registry + " refused access " + doing + " (" + error + "): run 'docker login "
                    + registry + "' with an account that may push and pull there");
        }
        if (words.contains(": not found") && !words.contains("dial tcp")) {
            return BuildFailure.usage("a base image does not exist " + doing + " (" + error + "): fix the FROM line or push the base first");
        }
        if (STATUS_SERVER_ERROR.matcher(words).find()) {
            return BuildFailure.environment("the registry " + registry + " answered with a server error " + doing + " (" + error
                    + "): it is failing, not the image; check the registry's health and storage and run the gate again");
        }
        return BuildFailure.environment("the registry " + registry + " is unreachable " + doing + " (" + error
                + "): start it or correct its address in the tags, then run the gate again");
    }

    /**
     * The error without what varies from run to run: quoted URLs (a blob's URL holds its digest,
     * whose hex digits can spell "401" or "403"), digests and host:port addresses (an ephemeral
     * port can too). The kind of a failure is read from the words that remain, so it cannot
     * depend on which digest or port a run happened to get.
     */
    private static String wordsOf(String lowerError) {
        return VARYING.matcher(lowerError).replaceAll(" ");
    }

    private static String registryOf(String error) {
        Matcher m = REGISTRY_URL.matcher(error);
        if (m.find()) {
            return m.group(1);
        }
        m = REFERENCE.matcher(error);
        return m.find() ? m.group(1) : "of the image";
    }
}
