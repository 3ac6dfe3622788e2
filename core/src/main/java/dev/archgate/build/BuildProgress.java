package dev.archgate.build;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads what {@code docker buildx build --progress=rawjson} writes (buildx 0.13): BuildKit's
 * solve status as pretty-printed JSON objects, one after another, each opening with a line
 * "{" and closing with a line "}" ({@code vertexes} with {@code name}, {@code started},
 * {@code completed}, {@code error}; {@code logs} with the vertex digest, stream and base64
 * {@code data}; {@code warnings}), and after them, on failure, plain text: the Dockerfile
 * excerpt of the failing step ({@code Dockerfile:5}, a rule, the lines with {@code >>>} at the
 * failing one) and "ERROR: failed to solve: ...". Vertex names carry the platform when several
 * are built: {@code [linux/arm64 3/3] RUN ...}, {@code [linux/arm64 internal] load metadata for REF}.
 * What the user should see is passed on as plain lines; what a failure needs is kept, bounded.
 */
final class BuildProgress {
    static final int OUTPUT_LINES = 10;
    private static final int MAX_VERTICES = 10_000;
    private static final int MAX_TEXT_LINES = 200;
    private static final Pattern PREFIX = Pattern.compile("^\\[([^\\]]*)] ");
    private static final Pattern LOCATION = Pattern.compile("^(\\S+):(\\d+)$");
    private static final Pattern FAILED_LINE = Pattern.compile("^\\s*(\\d+) \\| >>> ");

    private final Consumer<String> log;
    private final Function<Platform, String> emulators;
    private final Map<String, Vertex> vertices = new LinkedHashMap<>();
    private final List<String> text = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private StringBuilder object;

    private static final class Vertex {
        String name = "";
        String error;
        boolean shownStart;
        final Deque<String> output = new ArrayDeque<>();
        final EmulatorCrash crash = new EmulatorCrash();
        String partial = "";
    }

    BuildProgress(Consumer<String> log) {
        this(log, p -> null);
    }

    /** @param emulators the QEMU that runs the builder's steps of each platform, null where not known (see {@link EmulatorCrash#failure}) */
    BuildProgress(Consumer<String> log, Function<Platform, String> emulators) {
        this.log = log;
        this.emulators = emulators;
    }

    void line(String line) {
        if (object == null && line.equals("{")) {
            object = new StringBuilder("{\n");
            return;
        }
        if (object != null) {
            object.append(line).append('\n');
            if (line.equals("}")) {
                String json = object.toString();
                object = null;
                status(json);
            }
            return;
        }
        log.accept(line);
        if (line.startsWith("WARNING") || line.contains(" WARN: ")) {
            warnings.add(line.trim());
        }
        if (text.size() < MAX_TEXT_LINES) {
            text.add(line);
        }
    }

    List<String> warnings() {
        return warnings;
    }

    private void status(String json) {
        JsonObject o;
        try {
            o = JsonParser.parseString(json).getAsJsonObject();
        } catch (JsonParseException | IllegalStateException e) {
            json.lines().forEach(this::line); // not BuildKit's status after all: plain text
            return;
        }
        for (JsonElement e : array(o, "vertexes")) {
            JsonObject v = e.getAsJsonObject();
            Vertex vertex = vertex(string(v, "digest"));
            if (vertex == null) {
                continue;
            }
            vertex.name = v.has("name") ? string(v, "name") : vertex.name;
            if (v.has("started") && !vertex.shownStart) {
                vertex.shownStart = true;
                log.accept("#" + " " + vertex.name);
            }
            if (v.has("error")) {
                vertex.error = string(v, "error");
                log.accept("# " + vertex.name + ": ERROR: " + vertex.error);
            }
        }
        for (JsonElement e : array(o, "logs")) {
            JsonObject l = e.getAsJsonObject();
            Vertex vertex = vertex(string(l, "vertex"));
            if (vertex == null || !l.has("data")) {
                continue;
            }
            String data = vertex.partial + new String(Base64.getDecoder().decode(string(l, "data")), StandardCharsets.UTF_8);
            int end = data.lastIndexOf('\n');
            vertex.partial = end < 0 ? data : data.substring(end + 1);
            if (end >= 0) {
                for (String out : data.substring(0, end).split("\n", -1)) {
                    log.accept("  " + out);
                    vertex.crash.line(out);
                    vertex.output.addLast(out);
                    if (vertex.output.size() > OUTPUT_LINES) {
                        vertex.output.removeFirst();
                    }
                }
            }
        }
        for (JsonElement e : array(o, "warnings")) {
            JsonObject w = e.getAsJsonObject();
            if (w.has("short")) {
                String warning = new String(Base64.getDecoder().decode(string(w, "short")), StandardCharsets.UTF_8).trim();
                warnings.add(warning);
                log.accept("WARNING: " + warning);
            }
        }
    }

    private Vertex vertex(String digest) {
        if (digest == null || (!vertices.containsKey(digest) && vertices.size() >= MAX_VERTICES)) {
            return null;
        }
        return vertices.computeIfAbsent(digest, d -> new Vertex());
    }

    private static Iterable<JsonElement> array(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonArray() ? o.getAsJsonArray(key) : List.of();
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : null;
    }

    /** Why the build failed, from the failed steps and buildx's closing text; {@code built} are the platforms asked for. */
    BuildFailure failure(List<Platform> built, int status) {
        String all = String.join("\n", text);
        List<BuildFailure.FailedStep> steps = new ArrayList<>();
        BuildFailure usage = null;
        BuildFailure environment = BuildErrors.engineUnreachable(all);
        for (Vertex v : vertices.values()) {
            if (v.error == null || v.error.endsWith("context canceled") || v.error.equals("canceled")) {
                continue;
            }
            String error = v.error;
            String lower = error.toLowerCase(Locale.ROOT);
            Platform platform = platformOf(v.name, built);
            if (v.name.startsWith("[internal] load build definition") || lower.contains("dockerfile parse error")) {
                usage = usage != null ? usage : BuildFailure.usage("the Dockerfile does not parse (" + error + "): fix it and run the gate again");
            } else if (lower.contains("no match for platform in manifest") && platform != null) {
                steps.add(new BuildFailure.FailedStep(platform, v.name, failedLine(), "the base image has no " + platform + " variant ("
                        + error + ")", List.copyOf(v.output)));
            } else if (BuildErrors.isRegistryStep(v.name, lower)) {
                BuildFailure f = BuildErrors.registry(v.name, error);
                if (f.stop() == ArchgateException.Kind.ENVIRONMENT) {
                    environment = environment != null ? environment : f;
                } else {
                    usage = usage != null ? usage : f;
                }
            } else if (platform != null && v.crash.happenedIn(v.name)) {
                environment = environment != null ? environment : v.crash.failure(v.name, platform.toString(), emulators.apply(platform));
            } else if (platform != null) {
                steps.add(new BuildFailure.FailedStep(platform, v.name, failedLine(), error, List.copyOf(v.output)));
            }
        }
        if (!steps.isEmpty()) {
            // A proven failure of the image outranks what could not be checked: the release stops either way.
            String first = steps.get(0).platform() + " at " + steps.get(0).step();
            return BuildFailure.ofPlatforms("the build failed for " + first, steps);
        }
        if (environment != null) {
            return environment;
        }
        if (usage != null) {
            return usage;
        }
        String lower = all.toLowerCase(Locale.ROOT);
        if (lower.contains("dockerfile parse error")) {
            return BuildFailure.usage("the Dockerfile does not parse (" + errorLine(all, status) + "): fix it and run the gate again");
        }
        if (lower.contains("failed to push") || lower.contains("load metadata for")) {
            return BuildErrors.registry("", errorLine(all, status));
        }
        return BuildFailure.usage("docker buildx build failed: " + errorLine(all, status));
    }

    /** The platform a step belongs to: named in its prefix, or the only one built. */
    private static Platform platformOf(String name, List<Platform> built) {
        Matcher m = PREFIX.matcher(name);
        if (!m.find()) {
            return null;
        }
        String first = m.group(1).split(" ")[0];
        if (first.contains("/")) {
            try {
                return Platform.parse(first);
            } catch (RuntimeException e) {
                return null;
            }
        }
        return built.size() == 1 && !m.group(1).equals("internal") ? built.get(0) : null;
    }

    /** The line buildx marked with ">>>" in the Dockerfile excerpt of the failing step, 0 when it showed none. */
    private int failedLine() {
        for (int i = 0; i < text.size(); i++) {
            Matcher location = LOCATION.matcher(text.get(i).trim());
            if (location.matches()) {
                for (int j = i + 1; j < text.size() && j < i + 12; j++) {
                    Matcher at = FAILED_LINE.matcher(text.get(j));
                    if (at.find()) {
                        return Integer.parseInt(at.group(1));
                    }
                }
                return Integer.parseInt(location.group(2));
            }
        }
        return 0;
    }

    private static String errorLine(String all, int status) {
        return all.lines().filter(l -> l.startsWith("ERROR")).map(l -> l.replaceFirst("^ERROR:\\s*", "")).findFirst()
                .orElse(all.isBlank() ? "exit status " + status : all.lines().reduce((a, b) -> b).orElse("").trim());
    }
}
