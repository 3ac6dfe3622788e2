package dev.archgate.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SizeSummary;
import dev.archgate.findings.SmokeResult;
import java.util.List;

/** report.json, schema 1: the machine-readable contract every adapter and pipeline reads. */
public final class ReportJson {
    private ReportJson() {}

    public static String toJson(Report report) {
        JsonObject root = new JsonObject();
        root.addProperty("schema", Report.SCHEMA);
        // Optional in schema 1 (added later): which archgate wrote the report.
        JsonObject archgate = new JsonObject();
        archgate.addProperty("version", ArchgateVersion.current());
        root.add("archgate", archgate);
        root.addProperty("verdict", report.verdict().id());
        root.addProperty("image", report.image());
        root.addProperty("digest", report.digest());
        root.add("findings", findings(report.findings()));
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
        if (p.reason() != null) {
            o.addProperty("reason", p.reason());
        }
        o.add("findings", findings(p.findings()));
        JsonArray smoke = new JsonArray();
        for (SmokeResult s : p.smoke()) {
            JsonObject j = new JsonObject();
            j.addProperty("name", s.name());
            j.addProperty("exitCode", s.exitCode());
            j.addProperty("outcome", s.outcome().id());
            j.addProperty("durationMs", s.durationMs());
            j.addProperty("detail", s.detail());
            if (s.engine() != null) {
                j.addProperty("engine", s.engine());
                j.addProperty("execution", s.execution().id());
            }
            if (s.emulator() != null) {
                j.addProperty("emulator", s.emulator());
            }
            smoke.add(j);
        }
        o.add("smoke", smoke);
        if (p.size() != null) {
            o.add("size", size(p.size()));
        }
        return o;
    }

    /** Optional in schema 1 (added later): only platforms whose layers were audited carry it. */
    private static JsonObject size(SizeSummary s) {
        JsonObject o = new JsonObject();
        o.addProperty("compressedBytes", s.compressed());
        o.addProperty("unpackedBytes", s.unpacked());
        o.addProperty("wastedBytes", s.wasted());
        JsonArray largest = new JsonArray();
        for (SizeSummary.PathBytes p : s.largest()) {
            JsonObject j = new JsonObject();
            j.addProperty("path", p.path());
            j.addProperty("bytes", p.bytes());
            largest.add(j);
        }
        o.add("largest", largest);
        return o;
    }

    private static JsonArray findings(List<Finding> findings) {
        JsonArray out = new JsonArray();
        for (Finding f : findings) {
            JsonObject j = new JsonObject();
            j.addProperty("check", f.check().id());
            j.addProperty("severity", f.severity().id());
            j.addProperty("path", f.path());
            j.addProperty("message", f.message());
            out.add(j);
        }
        return out;
    }
}
