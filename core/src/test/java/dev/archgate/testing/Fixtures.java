package dev.archgate.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The fixture images of test-fixtures/, each checked to be in the local registry. */
public final class Fixtures {
    private static final String ACCEPT = String.join(",",
            "application/vnd.oci.image.index.v1+json",
            "application/vnd.docker.distribution.manifest.list.v2+json",
            "application/vnd.oci.image.manifest.v1+json",
            "application/vnd.docker.distribution.manifest.v2+json");

    private Fixtures() {}

    /** The repository's root: the nearest parent of the working directory that holds test-fixtures/. */
    public static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("test-fixtures"))) {
                return p;
            }
        }
        throw new AssertionError("no test-fixtures/ above " + Path.of("").toAbsolutePath());
    }

    /** The fixtures that are images; a fixture whose build is meant to fail ({@code "buildFails"}) has none and is left out. */
    public static List<Fixture> all() {
        try (Stream<Path> dirs = Files.list(repositoryRoot().resolve("test-fixtures"))) {
            List<Fixture> out = new ArrayList<>();
            for (Path dir : dirs.sorted().toList()) {
                if (Files.isRegularFile(dir.resolve("expect.json"))
                        && !JsonParser.parseString(Files.readString(dir.resolve("expect.json"))).getAsJsonObject().has("buildFails")) {
                    out.add(read(dir));
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The fixture of that name, failing with the fix when its image was never pushed. */
    public static Fixture named(String name) {
        Fixture f = all().stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no fixture test-fixtures/" + name));
        requirePushed(f);
        return f;
    }

    /** Fails, with the command that fixes it, when the fixture's image is not in the registry. */
    public static void requirePushed(Fixture f) {
        requireInRegistry(f.image(), "test-fixtures/build");
    }

    /** Fails, naming {@code builder} (the command that pushes it), when the image {@code ref} is not in the registry. */
    public static void requireInRegistry(String ref, String builder) {
        int slash = ref.indexOf('/');
        int colon = ref.lastIndexOf(':');
        String url = "http://" + ref.substring(0, slash) + "/v2/" + ref.substring(slash + 1, colon) + "/manifests/" + ref.substring(colon + 1);
        try {
            HttpResponse<Void> r = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(url)).method("HEAD", HttpRequest.BodyPublishers.noBody())
                            .header("Accept", ACCEPT).build(),
                    HttpResponse.BodyHandlers.discarding());
            if (r.statusCode() != 200) {
                throw new AssertionError("image " + ref + " is not in the registry (HTTP " + r.statusCode()
                        + "); run " + builder);
            }
        } catch (IOException e) {
            throw new AssertionError("cannot reach the registry for " + ref + " (" + e.getMessage() + "); run dev/setup-host", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Fixture read(Path dir) throws IOException {
        JsonObject o = JsonParser.parseString(Files.readString(dir.resolve("expect.json"))).getAsJsonObject();
        List<Platform> platforms = new ArrayList<>();
        for (JsonElement e : o.getAsJsonArray("platforms")) {
            platforms.add(Platform.parse(e.getAsString()));
        }
        JsonObject smoke = o.has("smoke") ? o.getAsJsonObject("smoke") : new JsonObject();
        List<String> command = new ArrayList<>();
        if (smoke.has("command")) {
            smoke.getAsJsonArray("command").forEach(e -> command.add(e.getAsString()));
        }
        return new Fixture(
                dir.getFileName().toString(),
                dir,
                o.get("description").getAsString(),
                o.get("image").getAsString(),
                List.copyOf(platforms),
                errors(o, "audit"),
                errors(o, "smokeErrors"),
                errors(o, "auditWarnings"),
                List.copyOf(command),
                smoke.has("stdout") ? smoke.get("stdout").getAsString() : "",
                smoke.has("serviceReadySeconds") ? smoke.get("serviceReadySeconds").getAsInt() : 0);
    }

    private static Map<Platform, Set<String>> errors(JsonObject o, String key) {
        Map<Platform, Set<String>> out = new LinkedHashMap<>();
        if (o.has(key)) {
            for (Map.Entry<String, JsonElement> e : o.getAsJsonObject(key).entrySet()) {
                Set<String> ids = new LinkedHashSet<>();
                for (JsonElement id : (JsonArray) e.getValue()) {
                    ids.add(id.getAsString());
                }
                out.put(Platform.parse(e.getKey()), Set.copyOf(ids));
            }
        }
        return Map.copyOf(out);
    }
}
