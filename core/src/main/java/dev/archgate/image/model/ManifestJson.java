package dev.archgate.image.model;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.archgate.ArchgateException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Parses the JSON of indexes, manifests and configs into the model, tolerating absent fields. */
public final class ManifestJson {
    private ManifestJson() {}

    public static List<Descriptor> indexEntries(RawManifest index) {
        JsonObject o = object(index.bytes(), "index " + index.digest());
        List<Descriptor> out = new ArrayList<>();
        for (JsonElement e : array(o, "manifests")) {
            out.add(descriptor(e.getAsJsonObject()));
        }
        return out;
    }

    public static ImageManifest manifest(RawManifest raw) {
        JsonObject o = object(raw.bytes(), "manifest " + raw.digest());
        if (!o.has("config")) {
            throw new ArchgateException("manifest " + raw.digest() + " has no config: it is not an image manifest", ArchgateException.Kind.USAGE);
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonElement e : array(o, "layers")) {
            layers.add(descriptor(e.getAsJsonObject()));
        }
        return new ImageManifest(raw.digest(), raw.mediaType(), descriptor(o.getAsJsonObject("config")), layers);
    }

    public static ImageConfig config(byte[] bytes, String digest) {
        JsonObject o = object(bytes, "config " + digest);
        JsonObject c = o.has("config") && o.get("config").isJsonObject() ? o.getAsJsonObject("config") : new JsonObject();
        return new ImageConfig(string(o, "os"), string(o, "architecture"), string(o, "variant"),
                strings(c, "Entrypoint"), strings(c, "Cmd"), string(c, "User"), string(c, "WorkingDir"), strings(c, "Env"));
    }

    /** The media type a manifest's own JSON declares, for sources that serve no Content-Type. */
    public static String declaredMediaType(byte[] bytes) {
        JsonObject o = object(bytes, "manifest");
        if (o.has("mediaType")) {
            return o.get("mediaType").getAsString();
        }
        return o.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    private static Descriptor descriptor(JsonObject d) {
        JsonObject platform = d.has("platform") ? d.getAsJsonObject("platform") : new JsonObject();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (d.has("annotations") && d.get("annotations").isJsonObject()) {
            d.getAsJsonObject("annotations").entrySet().forEach(e -> annotations.put(e.getKey(), e.getValue().getAsString()));
        }
        return new Descriptor(string(d, "mediaType"), string(d, "digest"), d.has("size") ? d.get("size").getAsLong() : -1,
                string(platform, "os"), string(platform, "architecture"), string(platform, "variant"), annotations);
    }

    private static JsonObject object(byte[] bytes, String what) {
        try {
            JsonElement e = JsonParser.parseString(new String(bytes, StandardCharsets.UTF_8));
            if (e.isJsonObject()) {
                return e.getAsJsonObject();
            }
        } catch (JsonParseException | IllegalStateException e) {
            // reported below
        }
        throw new ArchgateException(what + " is not valid JSON: the image is corrupt", ArchgateException.Kind.ENVIRONMENT);
    }

    private static JsonArray array(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonArray() ? o.getAsJsonArray(key) : new JsonArray();
    }

    private static String string(JsonObject o, String key) {
        return o.has(key) && o.get(key).isJsonPrimitive() ? o.get(key).getAsString() : "";
    }

    private static List<String> strings(JsonObject o, String key) {
        List<String> out = new ArrayList<>();
        array(o, key).forEach(e -> out.add(e.getAsString()));
        return out;
    }
}
