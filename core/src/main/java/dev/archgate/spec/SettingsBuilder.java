package dev.archgate.spec;

import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an adapter fills its {@link Settings}, setting by setting: each setter takes null (or an empty collection) for
 * "not given"; the record's parameters say what each means.
 */
public final class SettingsBuilder {
    private String config;
    private String image;
    private Path context;
    private Path dockerfile;
    private String platforms;
    private List<String> tags = List.of();
    private Boolean push;
    private Map<String, String> buildArgs = Map.of();
    private String target;
    private Map<String, String> labels = Map.of();
    private List<String> annotations = List.of();
    private List<String> secrets = List.of();
    private List<String> cacheFrom = List.of();
    private List<String> cacheTo = List.of();
    private String provenance;
    private String sbom;
    private Boolean noCache;
    private Boolean pull;
    private List<SmokeTest> smoke = List.of();
    private List<String> smokeCommand;
    private SmokeTest.Mode smokeMode;
    private Integer expectExit;
    private String expectStdout;
    private Duration timeout;
    private Boolean strictEmulation;
    private Boolean installEmulation;
    private Map<String, String> checks = Map.of();
    private List<String> ignorePaths = List.of();
    private Path reportDir;
    private List<String> promote = List.of();
    private List<String> insecureRegistries = List.of();
    private String builder;
    private Map<Platform, EngineEndpoint> engines = Map.of();
    private Map<Platform, String> emulationCpu = Map.of();
    private Map<String, String> hardwarePageSize = Map.of();
    private Map<String, String> hardwareCpu = Map.of();
    private Long sizeBudget;
    private Long wastedBytes;

    SettingsBuilder() {}

    public SettingsBuilder config(String v) {
        config = v;
        return this;
    }

    public SettingsBuilder image(String v) {
        image = v;
        return this;
    }

    public SettingsBuilder context(Path v) {
        context = v;
        return this;
    }

    public SettingsBuilder dockerfile(Path v) {
        dockerfile = v;
        return this;
    }

    public SettingsBuilder platforms(String v) {
        platforms = v;
        return this;
    }

    public SettingsBuilder tags(List<String> v) {
        tags = copy(v);
        return this;
    }

    public SettingsBuilder push(Boolean v) {
        push = v;
        return this;
    }

    public SettingsBuilder buildArgs(Map<String, String> v) {
        buildArgs = v == null ? Map.of() : Map.copyOf(v);
        return this;
    }

    public SettingsBuilder target(String v) {
        target = v;
        return this;
    }

    public SettingsBuilder labels(Map<String, String> v) {
        labels = v == null ? Map.of() : Map.copyOf(v);
        return this;
    }

    public SettingsBuilder annotations(List<String> v) {
        annotations = copy(v);
        return this;
    }

    public SettingsBuilder secrets(List<String> v) {
        secrets = copy(v);
        return this;
    }

    public SettingsBuilder cacheFrom(List<String> v) {
        cacheFrom = copy(v);
        return this;
    }

    public SettingsBuilder cacheTo(List<String> v) {
        cacheTo = copy(v);
        return this;
    }

    public SettingsBuilder provenance(String v) {
        provenance = v;
        return this;
    }

    public SettingsBuilder sbom(String v) {
        sbom = v;
        return this;
    }

    public SettingsBuilder noCache(Boolean v) {
        noCache = v;
        return this;
    }

    public SettingsBuilder pull(Boolean v) {
        pull = v;
        return this;
    }

    public SettingsBuilder smoke(List<SmokeTest> v) {
        smoke = v == null ? List.of() : List.copyOf(v);
        return this;
    }

    public SettingsBuilder smokeCommand(List<String> v) {
        smokeCommand = v == null ? null : List.copyOf(v);
        return this;
    }

    public SettingsBuilder smokeMode(SmokeTest.Mode v) {
        smokeMode = v;
        return this;
    }

    public SettingsBuilder expectExit(Integer v) {
        expectExit = v;
        return this;
    }

    public SettingsBuilder expectStdout(String v) {
        expectStdout = v;
        return this;
    }

    public SettingsBuilder timeout(Duration v) {
        timeout = v;
        return this;
    }

    public SettingsBuilder strictEmulation(Boolean v) {
        strictEmulation = v;
        return this;
    }

    public SettingsBuilder installEmulation(Boolean v) {
        installEmulation = v;
        return this;
    }

    public SettingsBuilder checks(Map<String, String> v) {
        checks = v == null ? Map.of() : new LinkedHashMap<>(v);
        return this;
    }

    public SettingsBuilder ignorePaths(List<String> v) {
        ignorePaths = copy(v);
        return this;
    }

    public SettingsBuilder reportDir(Path v) {
        reportDir = v;
        return this;
    }

    public SettingsBuilder promote(List<String> v) {
        promote = copy(v);
        return this;
    }

    public SettingsBuilder insecureRegistries(List<String> v) {
        insecureRegistries = copy(v);
        return this;
    }

    public SettingsBuilder builder(String v) {
        builder = v;
        return this;
    }

    public SettingsBuilder engines(Map<Platform, EngineEndpoint> v) {
        engines = v == null ? Map.of() : Map.copyOf(v);
        return this;
    }

    public SettingsBuilder emulationCpu(Map<Platform, String> v) {
        emulationCpu = v == null ? Map.of() : Map.copyOf(v);
        return this;
    }

    public SettingsBuilder hardwarePageSize(Map<String, String> v) {
        hardwarePageSize = v == null ? Map.of() : Map.copyOf(v);
        return this;
    }

    public SettingsBuilder hardwareCpu(Map<String, String> v) {
        hardwareCpu = v == null ? Map.of() : Map.copyOf(v);
        return this;
    }

    public SettingsBuilder sizeBudget(Long v) {
        sizeBudget = v;
        return this;
    }

    public SettingsBuilder wastedBytes(Long v) {
        wastedBytes = v;
        return this;
    }

    /**
     * An immutable snapshot: later calls on this builder do not change it.
     *
     * @throws IllegalStateException when both a list of smoke tests and single-test settings were given
     */
    public Settings build() {
        Settings s = new Settings(config, image, context, dockerfile, platforms, tags, push, Map.copyOf(buildArgs), target, labels,
                annotations, secrets, cacheFrom, cacheTo, provenance, sbom, noCache, pull, smoke, smokeCommand, smokeMode, expectExit,
                expectStdout, timeout, strictEmulation, installEmulation, Map.copyOf(checks), ignorePaths, reportDir, promote,
                insecureRegistries, builder, engines, emulationCpu, hardwarePageSize, hardwareCpu, sizeBudget, wastedBytes);
        if (!s.smoke().isEmpty() && s.smokeGiven()) {
            throw new IllegalStateException("smoke tests given both as a list and as one test's settings");
        }
        return s;
    }

    private static List<String> copy(List<String> v) {
        return v == null ? List.of() : List.copyOf(v);
    }
}
