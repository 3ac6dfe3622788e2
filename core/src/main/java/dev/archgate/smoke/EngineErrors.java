package dev.archgate.smoke;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.archgate.image.ImageReference;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker Engine's errors in a user's words: the engine's own message without the HTTP status
 * and JSON docker-java wraps it in, and a pull the registry refused named as the credentials problem it is.
 */
final class EngineErrors {
    /** docker-java's text of an engine error: {@code Status 500: {"message":"..."}}. */
    private static final Pattern STATUS_JSON = Pattern.compile("^Status (\\d{3}): (\\{.*})\\s*$", Pattern.DOTALL);
    private static final Pattern DENIED = Pattern.compile("pull access denied|unauthorized|authentication required|denied: requested access");

    private EngineErrors() {}

    /** What the engine said, in one line: the message of its JSON answer, else the text's first line. */
    static String said(String message) {
        if (message == null || message.isBlank()) {
            return "the Docker Engine refused";
        }
        String m = message.strip();
        Matcher json = STATUS_JSON.matcher(m);
        if (json.matches()) {
            try {
                JsonElement e = JsonParser.parseString(json.group(2));
                if (e.isJsonObject() && e.getAsJsonObject().has("message")) {
                    m = e.getAsJsonObject().get("message").getAsString();
                }
            } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
                // not the engine's JSON after all: its first line is shown as it is
            }
        }
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    /**
     * The sentence for an engine that could not pull {@code image} because the registry refused
     * it (no login, or one without access), naming the registry; empty for any other error.
     */
    static Optional<String> deniedPull(String said, String image) {
        if (!DENIED.matcher(said.toLowerCase(Locale.ROOT)).find()) {
            return Optional.empty();
        }
        String registry;
        try {
            registry = ImageReference.parse(image).registry();
        } catch (RuntimeException e) {
            registry = "the image's registry";
        }
        return Optional.of("the registry " + registry + " refused to let the Docker Engine pull " + image + " (" + said
                + "): run 'docker login " + registry + "' where the engine runs, with an account that may pull it");
    }
}
