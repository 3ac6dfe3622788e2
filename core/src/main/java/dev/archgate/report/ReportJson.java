package dev.archgate.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/** report.json, schema 1: the machine-readable contract every adapter and pipeline reads. */
public final class ReportJson {
    private ReportJson() {}

    public static String toJson(Report report) {
        JsonObject root = new JsonObject();
        root.addProperty("schema", Report.SCHEMA);
        root.addProperty("verdict", report.verdict().id());
        root.addProperty("image", report.image());
        root.addProperty("digest", report.digest());
        JsonArray platforms = new JsonArray();
        for (PlatformReport p : report.platforms()) {
            platforms.add(platform(p));
        }
        root.add("platforms", platforms);
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root) + "\n";
    }

    private static JsonObject platform(PlatformReport p) {
        JsonObject o = new JsonObject();
        o.addProperty("platform", p.platform().toString());
        o.addProperty("verdict", p.verdict().id());
        JsonArray findings = new JsonArray();
        for (Finding f : p.findings()) {
            JsonObject j = new JsonObject();
            j.addProperty("check", f.check().id());
            j.addProperty("severity", f.severity().id());
            j.addProperty("path", f.path());
            j.addProperty("message", f.message());
            findings.add(j);
        }
        o.add("findings", findings);
        JsonArray smoke = new JsonArray();
        for (SmokeResult s : p.smoke()) {
            JsonObject j = new JsonObject();
            j.addProperty("name", s.name());
            j.addProperty("exitCode", s.exitCode());
            j.addProperty("outcome", s.outcome());
            j.addProperty("durationMs", s.durationMs());
            j.addProperty("detail", s.detail());
            smoke.add(j);
        }
        o.add("smoke", smoke);
        return o;
    }
}
