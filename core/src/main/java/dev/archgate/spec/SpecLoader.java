package dev.archgate.spec;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads archgate.yml, version 1, into a {@link SpecDraft}: every key is checked against the
 * allowed ones, every value against its type, and {@code ${VAR}} / {@code ${VAR:-default}} are
 * expanded from the environment. Relative paths are resolved against the file's directory.
 */
public final class SpecLoader {
    // The key sets are package-private so that SettingsTest can hold every key to an adapter override.
    static final Set<String> ROOT_KEYS = Set.of("version", "build", "image", "platforms", "smoke", "emulation",
            "checks", "report", "promote", "registries", "engines", "policy", "hardware");
    static final Set<String> BUILD_KEYS = Set.of("context", "dockerfile", "args", "push", "tags", "target", "builder", "labels",
            "annotations", "secrets", "cache-from", "cache-to", "provenance", "sbom", "no-cache", "pull");
    private static final Set<String> ENGINE_KEYS = Set.of("host", "tls-verify", "cert-path");
    private static final Set<String> SMOKE_KEYS = Set.of("name", "mode", "command", "expect", "timeout", "ready");
    private static final Set<String> EXPECT_KEYS = Set.of("exitCode", "stdout", "stderr");
    static final Set<String> EMULATION_KEYS = Set.of("strict", "install", "cpu");
    static final Set<String> REPORT_KEYS = Set.of("dir");
    static final Set<String> REGISTRY_KEYS = Set.of("insecure");
    static final Set<String> POLICY_KEYS = Set.of("size-budget", "wasted-bytes");
    static final Set<String> HARDWARE_KEYS = Set.of("page-size", "cpu");

    private final YamlValues yaml;

    /** @param environment looks up a variable for {@code ${VAR}}; null when it is not set */
    public SpecLoader(UnaryOperator<String> environment) {
        this.yaml = new YamlValues(environment);
    }

    public SpecDraft load(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ArchgateException.usage("config file " + file + " does not exist: create it or point --config at yours");
        } catch (IOException e) {
            throw ArchgateException.usage("cannot read config file " + file + ": " + e.getMessage());
        }
        return parse(text, file.toString(), file.toAbsolutePath().getParent());
    }

    public SpecDraft parse(String text, String source, Path baseDir) {
        Object root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            root = new Yaml(new SafeConstructor(options)).load(text);
        } catch (MarkedYAMLException e) {
            throw ArchgateException.usage(source + " is not valid YAML at line " + (e.getProblemMark().getLine() + 1)
                    + ", column " + (e.getProblemMark().getColumn() + 1) + ": " + e.getProblem());
        } catch (YAMLException e) {
            throw ArchgateException.usage(source + " is not valid YAML: " + e.getMessage());
        }
        Map<String, Object> map = yaml.map(root, "the top level of " + source);
        yaml.keys(map, ROOT_KEYS, "");
        Object version = map.get("version");
        if (!Integer.valueOf(1).equals(version)) {
            throw ArchgateException.usage("version is " + (version == null ? "missing" : "'" + version + "'")
                    + " in " + source + ": archgate understands version: 1");
        }
        SpecDraft d = SpecDraft.empty();
        if (map.containsKey("build")) {
            Map<String, Object> b = yaml.map(map.get("build"), "build");
            d = d.withBuild(build(b, baseDir));
            if (b.containsKey("builder")) {
                d = d.withBuilder(yaml.string(b.get("builder"), "build.builder"));
            }
        }
        if (map.containsKey("engines")) {
            d = d.withEngines(engines(yaml.map(map.get("engines"), "engines"), baseDir));
        }
        if (map.containsKey("image")) {
            d = d.withImage(yaml.string(map.get("image"), "image"));
        }
        if (map.containsKey("platforms")) {
            d = d.withPlatforms(platforms(map.get("platforms")));
        }
        if (map.containsKey("smoke")) {
            d = d.withSmoke(smokeTests(map.get("smoke")));
        }
        if (map.containsKey("emulation")) {
            Map<String, Object> e = yaml.map(map.get("emulation"), "emulation");
            yaml.keys(e, EMULATION_KEYS, "emulation.");
            if (e.containsKey("strict")) {
                d = d.withStrictEmulation(yaml.bool(e.get("strict"), "emulation.strict"));
            }
            if (e.containsKey("install")) {
                d = d.withInstallEmulation(yaml.bool(e.get("install"), "emulation.install"));
            }
            if (e.containsKey("cpu")) {
                Map<String, String> cpu = new LinkedHashMap<>();
                yaml.map(e.get("cpu"), "emulation.cpu").forEach((platform, model) -> cpu.put(platform, yaml.scalar(model, "emulation.cpu." + platform)));
                d = d.withEmulationCpu(CpuOverride.all(cpu, "emulation.cpu"));
            }
        }
        if (map.containsKey("checks")) {
            d = checks(yaml.map(map.get("checks"), "checks"), d);
        }
        if (map.containsKey("report")) {
            Map<String, Object> r = yaml.map(map.get("report"), "report");
            yaml.keys(r, REPORT_KEYS, "report.");
            if (r.containsKey("dir")) {
                d = d.withReportDir(baseDir.resolve(yaml.string(r.get("dir"), "report.dir")));
            }
        }
        if (map.containsKey("promote")) {
            d = d.withPromote(yaml.strings(map.get("promote"), "promote"));
        }
        if (map.containsKey("registries")) {
            Map<String, Object> r = yaml.map(map.get("registries"), "registries");
            yaml.keys(r, REGISTRY_KEYS, "registries.");
            d = d.withInsecureRegistries(yaml.strings(r.getOrDefault("insecure", List.of()), "registries.insecure"));
        }
        if (map.containsKey("policy")) {
            Map<String, Object> p = yaml.map(map.get("policy"), "policy");
            yaml.keys(p, POLICY_KEYS, "policy.");
            d = d.withPolicy(new PolicyLimits(
                    p.containsKey("size-budget") ? ByteSizes.parse(yaml.scalar(p.get("size-budget"), "policy.size-budget"), "policy.size-budget") : null,
                    p.containsKey("wasted-bytes") ? ByteSizes.parse(yaml.scalar(p.get("wasted-bytes"), "policy.wasted-bytes"), "policy.wasted-bytes") : null));
        }
        if (map.containsKey("hardware")) {
            Map<String, Object> h = yaml.map(map.get("hardware"), "hardware");
            yaml.keys(h, HARDWARE_KEYS, "hardware.");
            Map<String, String> pages = new LinkedHashMap<>();
            yaml.map(h.getOrDefault("page-size", Map.of()), "hardware.page-size")
                    .forEach((platform, size) -> pages.put(platform, yaml.scalar(size, "hardware.page-size." + platform)));
            Map<String, String> cpus = new LinkedHashMap<>();
            yaml.map(h.getOrDefault("cpu", Map.of()), "hardware.cpu").forEach((platform, cpu) -> cpus.put(platform, yaml.scalar(cpu, "hardware.cpu." + platform)));
            d = d.withHardware(HardwarePolicy.of(pages, cpus));
        }
        return d;
    }

    private BuildSpec build(Map<String, Object> b, Path baseDir) {
        yaml.keys(b, BUILD_KEYS, "build.");
        Path context = baseDir.resolve(yaml.string(b.getOrDefault("context", "."), "build.context")).normalize();
        Path dockerfile = b.containsKey("dockerfile") ? baseDir.resolve(yaml.string(b.get("dockerfile"), "build.dockerfile")).normalize() : null;
        Map<String, String> args = new LinkedHashMap<>();
        if (b.containsKey("args")) {
            for (Map.Entry<String, Object> e : yaml.map(b.get("args"), "build.args").entrySet()) {
                args.put(e.getKey(), yaml.scalar(e.getValue(), "build.args." + e.getKey()));
            }
        }
        return new BuildSpec(context, dockerfile, args, b.containsKey("push") && yaml.bool(b.get("push"), "build.push"),
                b.containsKey("tags") ? yaml.strings(b.get("tags"), "build.tags") : List.of(),
                b.containsKey("target") ? yaml.string(b.get("target"), "build.target") : null, options(b));
    }

    /** buildx's other settings under build:, each named as its buildx flag. */
    private BuildOptions options(Map<String, Object> b) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (b.containsKey("labels")) {
            for (Map.Entry<String, Object> e : yaml.map(b.get("labels"), "build.labels").entrySet()) {
                labels.put(e.getKey(), yaml.scalar(e.getValue(), "build.labels." + e.getKey()));
            }
        }
        return new BuildOptions(labels, list(b, "annotations"), list(b, "secrets"), list(b, "cache-from"), list(b, "cache-to"),
                b.containsKey("provenance") ? yaml.scalar(b.get("provenance"), "build.provenance") : null,
                b.containsKey("sbom") ? yaml.scalar(b.get("sbom"), "build.sbom") : null,
                b.containsKey("no-cache") && yaml.bool(b.get("no-cache"), "build.no-cache"),
                b.containsKey("pull") && yaml.bool(b.get("pull"), "build.pull"));
    }

    private List<String> list(Map<String, Object> b, String key) {
        return b.containsKey(key) ? yaml.strings(b.get(key), "build." + key) : List.of();
    }

    /** {@code engines:} maps a platform to an address, or to {host, tls-verify, cert-path}. */
    private Map<Platform, EngineEndpoint> engines(Map<String, Object> entries, Path baseDir) {
        Map<Platform, EngineEndpoint> out = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            String where = "engines." + e.getKey();
            Platform platform;
            try {
                platform = Platform.parse(e.getKey());
            } catch (UnknownPlatformException ex) {
                throw ArchgateException.usage("engines: " + ex.getMessage());
            }
            if (e.getValue() instanceof String host) {
                out.put(platform, EngineEndpoint.of(yaml.string(host, where)));
                continue;
            }
            Map<String, Object> m = yaml.map(e.getValue(), where);
            yaml.keys(m, ENGINE_KEYS, where + ".");
            if (!m.containsKey("host")) {
                throw ArchgateException.usage(where + " has no host: give the engine's address, e.g. tcp://arm-host:2376");
            }
            out.put(platform, new EngineEndpoint(yaml.string(m.get("host"), where + ".host"),
                    m.containsKey("tls-verify") ? yaml.bool(m.get("tls-verify"), where + ".tls-verify") : null,
                    m.containsKey("cert-path") ? baseDir.resolve(yaml.string(m.get("cert-path"), where + ".cert-path")).normalize() : null));
        }
        return out;
    }

    private List<Platform> platforms(Object value) {
        List<Platform> out = new ArrayList<>();
        for (String p : yaml.strings(value, "platforms")) {
            try {
                out.add(Platform.parse(p));
            } catch (UnknownPlatformException e) {
                throw ArchgateException.usage("platforms: " + e.getMessage());
            }
        }
        return out;
    }

    private List<SmokeTest> smokeTests(Object value) {
        List<SmokeTest> out = new ArrayList<>();
        if (!(value instanceof List<?> list)) {
            throw ArchgateException.usage("smoke must be a list of tests, e.g. - {name: version, command: [/app, --version]}");
        }
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < list.size(); i++) {
            String where = "smoke[" + i + "]";
            Map<String, Object> t = yaml.map(list.get(i), where);
            yaml.keys(t, SMOKE_KEYS, where + ".");
            SmokeTestSettings test = SmokeTestSettings.ofFile(i)
                    .name(t.containsKey("name") ? yaml.string(t.get("name"), where + ".name") : null)
                    .mode(t.containsKey("mode") ? yaml.string(t.get("mode"), where + ".mode") : null);
            if (!names.add(test.effectiveName())) {
                throw ArchgateException.usage(where + ".name '" + test.effectiveName() + "' is used twice: give each smoke test its own name");
            }
            Map<String, Object> expect = t.containsKey("expect") ? yaml.map(t.get("expect"), where + ".expect") : Map.of();
            yaml.keys(expect, EXPECT_KEYS, where + ".expect.");
            if (expect.containsKey("exitCode") && !(expect.get("exitCode") instanceof Integer)) {
                throw ArchgateException.usage(where + ".expect.exitCode is '" + expect.get("exitCode") + "': use a whole number from 0 to 255");
            }
            out.add(test.command(t.containsKey("command") ? yaml.strings(t.get("command"), where + ".command") : List.of())
                    .exitCode((Integer) expect.get("exitCode"))
                    .stdout(yaml.optionalString(expect.get("stdout"), where + ".expect.stdout"))
                    .stderr(yaml.optionalString(expect.get("stderr"), where + ".expect.stderr"))
                    .timeout(yaml.optionalString(t.get("timeout"), where + ".timeout"))
                    .ready(yaml.optionalString(t.get("ready"), where + ".ready"))
                    .toSmokeTest());
        }
        return out;
    }

    private SpecDraft checks(Map<String, Object> c, SpecDraft d) {
        Map<String, Object> levels = new LinkedHashMap<>(c);
        Object ignore = levels.remove("ignore-paths");
        if (ignore != null) {
            d = d.withIgnorePaths(yaml.strings(ignore, "checks.ignore-paths"));
        }
        Map<String, Object> expanded = new LinkedHashMap<>();
        levels.forEach((k, v) -> expanded.put(k, v instanceof String str ? yaml.expand(str, "checks." + k) : v));
        return d.withCheckLevels(CheckLevels.read(expanded, "checks."));
    }
}
