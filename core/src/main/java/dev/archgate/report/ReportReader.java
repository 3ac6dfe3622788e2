package dev.archgate.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads report.json (schema 1) back, for {@code archgate merge}. It trusts nothing it reads: an
 * unknown schema, an unknown check id or outcome, or a verdict its own findings do not imply
 * (a hand-edited "pass") is refused, so a merge can never pass what no run passed.
 */
public final class ReportReader {
    private static final Pattern LOCATION = Pattern.compile("line (\\d+) column (\\d+)");
    private ReportReader() {}

    /**
     * @param name how the report is named in messages (its file)
     * @throws ArchgateException with one sentence naming the report and what is wrong
     */
    public static Report read(String name, String json) {
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(json);
            if (!parsed.isJsonObject()) {
                throw ArchgateException.usage(name + " is not a report.json (it holds no JSON object)");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw ArchgateException.usage(name + " is not valid JSON" + where(e.getMessage())
                    + ": it is truncated or not a report.json; copy the whole file again");
        }
        try {
            int schema = root.has("schema") ? root.get("schema").getAsInt() : -1;
            if (schema != Report.SCHEMA) {
                throw ArchgateException.usage(name + " has report schema " + (schema < 0 ? "(none)" : schema)
                        + ", but this archgate reads schema " + Report.SCHEMA + ": merge reports written by the same archgate version");
            }
            JsonElement writer = root.get("archgate");
            if (writer != null && !(writer.isJsonObject() && string(writer.getAsJsonObject(), "version") != null)) {
                throw ArchgateException.usage(name + " names the archgate that wrote it in a shape archgate does not write: use the report as archgate wrote it");
            }
            List<PlatformReport> platforms = new ArrayList<>();
            for (JsonElement e : array(root, "platforms")) {
                platforms.add(platform(name, e.getAsJsonObject()));
            }
            Report report = Report.of(string(root, "image"), string(root, "digest"), findings(name, array(root, "findings")), platforms);
            Verdict stated = verdict(name, string(root, "verdict"));
            if (stated != report.verdict()) {
                throw ArchgateException.usage(name + " says " + stated.id() + ", but its platforms add up to " + report.verdict().id()
                        + ": the file was edited; use the report as archgate wrote it");
            }
            return report;
        } catch (IllegalStateException | UnsupportedOperationException | NullPointerException | ClassCastException e) {
            // Gson's and the JVM's words here name Java types and methods; the user needs only the file and the fix.
            throw ArchgateException.usage(name + " does not have the shape of a report.json: use the report as archgate wrote it");
        }
    }

    private static PlatformReport platform(String name, JsonObject o) {
        Platform platform;
        try {
            platform = Platform.parse(string(o, "platform"));
        } catch (UnknownPlatformException e) {
            throw ArchgateException.usage(name + " names an unknown platform '" + string(o, "platform") + "'");
        }
        List<SmokeResult> smoke = new ArrayList<>();
        for (JsonElement e : array(o, "smoke")) {
            JsonObject s = e.getAsJsonObject();
            String id = string(s, "outcome");
            SmokeOutcome outcome = SmokeOutcome.fromId(id)
                    .orElseThrow(() -> ArchgateException.usage(name + " has a smoke outcome '" + id + "' this archgate does not know"));
            JsonElement exit = s.get("exitCode");
            SmokeResult result = new SmokeResult(string(s, "name"), exit == null || exit.isJsonNull() ? null : exit.getAsInt(), outcome,
                    s.get("durationMs").getAsLong(), string(s, "detail"));
            String engine = string(s, "engine");
            result = engine == null ? result : result.ranOn(engine, execution(name, string(s, "execution")));
            smoke.add(string(s, "emulator") == null ? result : result.emulatedBy(string(s, "emulator")));
        }
        PlatformReport report = PlatformReport.readBack(platform, string(o, "reason"), findings(name, array(o, "findings")), smoke);
        Verdict stated = verdict(name, string(o, "verdict"));
        if (stated != report.verdict()) {
            throw ArchgateException.usage(name + " says " + platform + " " + stated.id() + ", but its findings and smoke runs make it "
                    + report.verdict().id() + ": the file was edited; use the report as archgate wrote it");
        }
        return report;
    }

    private static List<Finding> findings(String name, JsonArray array) {
        List<Finding> out = new ArrayList<>();
        for (JsonElement e : array) {
            JsonObject f = e.getAsJsonObject();
            String id = string(f, "check");
            Check check = Check.fromId(id).orElseThrow(() -> ArchgateException.usage(name + " has a finding of check '" + id
                    + "' this archgate does not know: merge reports written by the same archgate version"));
            Severity severity;
            try {
                severity = Severity.valueOf(string(f, "severity").toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException | NullPointerException ex) {
                throw ArchgateException.usage(name + " has a finding with severity '" + string(f, "severity") + "'");
            }
            out.add(new Finding(check, severity, string(f, "path"), string(f, "message")));
        }
        return out;
    }

    private static SmokeResult.Execution execution(String name, String id) {
        for (SmokeResult.Execution e : SmokeResult.Execution.values()) {
            if (e.id().equals(id)) {
                return e;
            }
        }
        throw ArchgateException.usage(name + " has a smoke execution '" + id + "'; a report says native, strict-emulation or emulation");
    }

    private static Verdict verdict(String name, String id) {
        for (Verdict v : Verdict.values()) {
            if (v.id().equals(id)) {
                return v;
            }
        }
        throw ArchgateException.usage(name + " has the verdict '" + id + "'; a report says pass, fail or error");
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? new JsonArray() : e.getAsJsonArray();
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    /**
     * Where the JSON breaks, from Gson's message ("... at line 3 column 7 path $..."), whose advice
     * (JsonReader.setStrictness) is for programmers, not for the user; empty when it names no place.
     */
    private static String where(String gsonMessage) {
        Matcher m = LOCATION.matcher(String.valueOf(gsonMessage));
        return m.find() ? " (at line " + m.group(1) + ", column " + m.group(2) + ")" : "";
    }
}
