package dev.archgate.smoke;

import com.google.gson.JsonElement;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.archgate.findings.Check;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.image.model.ImageReference;
import dev.archgate.image.store.TransportFaults;
import dev.archgate.spec.SmokeTest;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Docker Engine's errors in a user's words, and what each makes of a smoke run: the engine's
 * own message without the HTTP status and JSON docker-java wraps it in; a fault of the image
 * (the engine names it: no such platform, exec format) classified as the image's; a pull the
 * registry refused named as the credentials problem it is; anything else the engine's own failure
 * ({@code engine.failed}, environmental: never a verdict on the image).
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

    /** A run the engine failed while archgate was doing what {@code cause} says. */
    static SmokeResult engineFailed(String testName, String cause, long ms) {
        return new SmokeResult(testName, null, SmokeOutcome.failedBy(Check.ENGINE_FAILED), ms, "the Docker Engine failed during the smoke run ("
                + cause + "): check that dockerd is running and healthy (its log says why), then run again");
    }

    /** A run the engine failed as {@code fault} says: its own sentence when it has one. */
    static SmokeResult engineFailed(String testName, EngineFault fault, long ms) {
        return fault.whole() ? new SmokeResult(testName, null, SmokeOutcome.failedBy(Check.ENGINE_FAILED), ms, fault.getMessage())
                : engineFailed(testName, fault.getMessage(), ms);
    }

    /** What the engine's refusal (its error answer, {@code message}) of a request for a run of {@code image} makes of the run. */
    static SmokeResult refused(SmokeTest test, String image, String message, long ms) {
        String said = said(message);
        ContainerResult refused = new ContainerResult(null, "", "", false, false, false, said, true, ms);
        if (Classifier.namesImageFault(refused.output())) {
            return Classifier.classify(test, refused);
        }
        return deniedPull(said, image)
                .map(denied -> new SmokeResult(test.name(), null, SmokeOutcome.failedBy(Check.ENGINE_FAILED), ms, denied))
                .orElseGet(() -> engineFailed(test.name(), said, ms));
    }

    /**
     * The transport fault under {@code e} (the engine's socket closed, refused, timed out) in one
     * line; null when {@code e} is none, which makes it an archgate bug, reported as one.
     */
    static String transport(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && !(root instanceof IOException)) {
            root = root.getCause();
        }
        return root instanceof IOException ? TransportFaults.describe(root) : null;
    }

    /** Why a removal failed, in one line: the engine's answer, or the transport fault under it. */
    static String removal(RuntimeException e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root == e ? said(e.getMessage()) : TransportFaults.describe(root);
    }
}
