package dev.archgate.jenkins.mapping;

import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import dev.archgate.spec.BuildSpec;
import dev.archgate.spec.ByteSizes;
import dev.archgate.spec.CheckFlags;
import dev.archgate.spec.CpuOverride;
import dev.archgate.spec.EngineEndpoint;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.PolicyLimits;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.spec.SpecException;
import dev.archgate.spec.SpecLoader;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The parameters of the {@code archgate} step and of the freestyle builder, one per archgate.yml key, and how they
 * become a {@link GateSpec}: {@code config} is read first (relative to the workspace), then each parameter that was
 * given overrides its key, as the CLI's flags do. Paths are relative to the workspace. A parameter left null (or an
 * empty list) keeps what the file says.
 */
public final class GateParameters implements Serializable {
    private static final long serialVersionUID = 1L;

    /** Where the reports go when neither the step nor archgate.yml names a directory; inside the workspace. */
    public static final String DEFAULT_REPORT_DIR = "archgate-report";

    private String config;
    private String image;
    private String context;
    private String file;
    private String target;
    private List<String> platforms = List.of();
    private List<String> tags = List.of();
    private Boolean push;
    private List<String> buildArgs = List.of();
    private List<SmokeParameters> smoke = List.of();
    private Boolean strictEmulation;
    private Boolean installEmulation;
    private List<String> checks = List.of();
    private List<String> ignorePaths = List.of();
    private List<String> insecureRegistries = List.of();
    private String reportDir;
    private List<String> promote = List.of();
    private boolean unstableOnWarning;
    private String builder;
    private List<String> engines = List.of();
    private List<String> emulationCpu = List.of();
    private String sizeBudget;
    private String wastedBytes;

    /**
     * The spec of one run in {@code workspace}; {@code environment} answers {@code ${VAR}} in archgate.yml (the build's
     * environment). The report directory must lie inside the workspace, where the test results and archived reports
     * are taken from.
     *
     * @throws SpecException (or the platform parser's exception) with one sentence naming the parameter and the fix
     */
    public GateSpec toSpec(Path workspace, UnaryOperator<String> environment) {
        if (image != null && context != null) {
            throw new SpecException("both image and context are given: give image to gate an existing image, or context to build one");
        }
        SpecDraft d = config == null ? SpecDraft.empty() : new SpecLoader(environment).load(workspace.resolve(config));
        if (image != null) {
            d = d.withImage(image);
        }
        BuildSpec build = d.build();
        if (context != null) {
            build = new BuildSpec(workspace.resolve(context).normalize(), null, build == null ? Map.of() : build.args(),
                    build != null && build.push(), build == null ? List.of() : build.tags(), build == null ? null : build.target());
        }
        if (build != null && image == null) {
            Map<String, String> args = new LinkedHashMap<>(build.args());
            args.putAll(pairs(buildArgs, "buildArgs", "KEY=VALUE"));
            d = d.withBuild(new BuildSpec(build.context(), file != null ? workspace.resolve(file).normalize() : build.dockerfile(), args,
                    push != null ? push : build.push(), tags.isEmpty() ? build.tags() : tags, target != null ? target : build.target()));
        }
        if (d.build() == null) {
            List<String> buildOnly = new ArrayList<>();
            if (file != null) {
                buildOnly.add("file");
            }
            if (target != null) {
                buildOnly.add("target");
            }
            if (!tags.isEmpty()) {
                buildOnly.add("tags");
            }
            if (push != null) {
                buildOnly.add("push");
            }
            if (!buildArgs.isEmpty()) {
                buildOnly.add("buildArgs");
            }
            if (!buildOnly.isEmpty()) {
                throw new SpecException(String.join(", ", buildOnly) + " apply to a build, but nothing is built here: give context "
                        + "(or build: in archgate.yml), or leave them out when gating an image");
            }
        }
        if (!platforms.isEmpty()) {
            d = d.withPlatforms(Platform.parseList(String.join(",", platforms)));
        }
        if (!smoke.isEmpty()) {
            List<SmokeTest> tests = new ArrayList<>();
            for (int i = 0; i < smoke.size(); i++) {
                tests.add(smoke.get(i).toSmokeTest(i));
            }
            d = d.withSmoke(tests);
        }
        if (strictEmulation != null) {
            d = d.withStrictEmulation(strictEmulation);
        }
        if (installEmulation != null) {
            d = d.withInstallEmulation(installEmulation);
        }
        if (!checks.isEmpty()) {
            d = d.withCheckLevels(CheckFlags.merge(d.checkLevels(), pairs(checks, "checks", "CHECK-ID=LEVEL")));
        }
        if (!ignorePaths.isEmpty()) {
            d = d.withIgnorePaths(ignorePaths);
        }
        if (!insecureRegistries.isEmpty()) {
            d = d.withInsecureRegistries(insecureRegistries);
        }
        if (!promote.isEmpty()) {
            d = d.withPromote(promote);
        }
        d = machinesAndLimits(d);
        Path reports = reportDir != null ? workspace.resolve(reportDir).normalize()
                : d.reportDir() != null ? d.reportDir().normalize() : workspace.resolve(DEFAULT_REPORT_DIR);
        if (!reports.toAbsolutePath().startsWith(workspace.toAbsolutePath().normalize())) {
            throw new SpecException("the report directory " + reports + " is outside the workspace " + workspace
                    + ": give reportDir a path inside it, since the test results and archived reports are taken from there");
        }
        d = d.withReportDir(reports);
        if (d.build() == null && d.image() == null) {
            throw new SpecException("nothing to gate: give image (a reference) or context (a directory to build), or config "
                    + "naming an archgate.yml with build: or image:");
        }
        if (d.platforms() == null) {
            throw new SpecException("no platforms: give platforms (e.g. ['linux/amd64', 'linux/arm64']) or platforms: in archgate.yml");
        }
        return d.toSpec();
    }

    /** Where work runs and the image design limits, as the CLI's --builder, --engine, --emulation-cpu and policy flags set them. */
    private SpecDraft machinesAndLimits(SpecDraft d) {
        if (builder != null) {
            d = d.withBuilder(builder);
        }
        if (!engines.isEmpty()) {
            // Merged into engines: of the file, platform by platform, as the CLI's --engine is.
            Map<Platform, EngineEndpoint> given = new LinkedHashMap<>();
            pairs(engines, "engines", "PLATFORM=HOST").forEach((platform, host) -> given.put(enginePlatform(platform), EngineEndpoint.of(host)));
            d = d.withEngines(given);
        }
        if (!emulationCpu.isEmpty()) {
            d = d.withEmulationCpu(CpuOverride.all(pairs(emulationCpu, "emulationCpu", "PLATFORM=MODEL"), "emulationCpu"));
        }
        if (sizeBudget != null) {
            d = d.withPolicy(PolicyLimits.sizeBudget(ByteSizes.parse(sizeBudget, "sizeBudget")));
        }
        if (wastedBytes != null) {
            d = d.withPolicy(PolicyLimits.wastedBytes(ByteSizes.parse(wastedBytes, "wastedBytes")));
        }
        return d;
    }

    private static Platform enginePlatform(String platform) {
        try {
            return Platform.parse(platform);
        } catch (UnknownPlatformException e) {
            throw new SpecException("engines: " + e.getMessage());
        }
    }

    private static Map<String, String> pairs(List<String> items, String parameter, String form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0) {
                throw new SpecException(parameter + " has '" + item + "': write each entry as " + form);
            }
            out.put(item.substring(0, eq).strip(), item.substring(eq + 1));
        }
        return out;
    }

    public String getConfig() {
        return config;
    }

    public void setConfig(String config) {
        this.config = SmokeParameters.blankToNull(config);
    }

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = SmokeParameters.blankToNull(image);
    }

    public String getContext() {
        return context;
    }

    public void setContext(String context) {
        this.context = SmokeParameters.blankToNull(context);
    }

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = SmokeParameters.blankToNull(file);
    }

    public String getTarget() {
        return target;
    }

    public void setTarget(String target) {
        this.target = SmokeParameters.blankToNull(target);
    }

    public List<String> getPlatforms() {
        return platforms;
    }

    public void setPlatforms(List<String> platforms) {
        this.platforms = Lines.items(platforms);
    }

    public List<String> getTags() {
        return tags;
    }

    public void setTags(List<String> tags) {
        this.tags = Lines.items(tags);
    }

    public Boolean getPush() {
        return push;
    }

    public void setPush(Boolean push) {
        this.push = push;
    }

    public List<String> getBuildArgs() {
        return buildArgs;
    }

    public void setBuildArgs(List<String> buildArgs) {
        this.buildArgs = Lines.items(buildArgs);
    }

    public List<SmokeParameters> getSmoke() {
        return smoke;
    }

    public void setSmoke(List<SmokeParameters> smoke) {
        this.smoke = smoke == null ? List.of() : List.copyOf(smoke);
    }

    public Boolean getStrictEmulation() {
        return strictEmulation;
    }

    public void setStrictEmulation(Boolean strictEmulation) {
        this.strictEmulation = strictEmulation;
    }

    public Boolean getInstallEmulation() {
        return installEmulation;
    }

    public void setInstallEmulation(Boolean installEmulation) {
        this.installEmulation = installEmulation;
    }

    public List<String> getChecks() {
        return checks;
    }

    public void setChecks(List<String> checks) {
        this.checks = Lines.items(checks);
    }

    public List<String> getIgnorePaths() {
        return ignorePaths;
    }

    public void setIgnorePaths(List<String> ignorePaths) {
        this.ignorePaths = Lines.items(ignorePaths);
    }

    public List<String> getInsecureRegistries() {
        return insecureRegistries;
    }

    public void setInsecureRegistries(List<String> insecureRegistries) {
        this.insecureRegistries = Lines.items(insecureRegistries);
    }

    public String getReportDir() {
        return reportDir;
    }

    public void setReportDir(String reportDir) {
        this.reportDir = SmokeParameters.blankToNull(reportDir);
    }

    public List<String> getPromote() {
        return promote;
    }

    public void setPromote(List<String> promote) {
        this.promote = Lines.items(promote);
    }

    public boolean isUnstableOnWarning() {
        return unstableOnWarning;
    }

    public void setUnstableOnWarning(boolean unstableOnWarning) {
        this.unstableOnWarning = unstableOnWarning;
    }

    public String getBuilder() {
        return builder;
    }

    public void setBuilder(String builder) {
        this.builder = SmokeParameters.blankToNull(builder);
    }

    public List<String> getEngines() {
        return engines;
    }

    public void setEngines(List<String> engines) {
        this.engines = Lines.items(engines);
    }

    public List<String> getEmulationCpu() {
        return emulationCpu;
    }

    public void setEmulationCpu(List<String> emulationCpu) {
        this.emulationCpu = Lines.items(emulationCpu);
    }

    public String getSizeBudget() {
        return sizeBudget;
    }

    public void setSizeBudget(String sizeBudget) {
        this.sizeBudget = SmokeParameters.blankToNull(sizeBudget);
    }

    public String getWastedBytes() {
        return wastedBytes;
    }

    public void setWastedBytes(String wastedBytes) {
        this.wastedBytes = SmokeParameters.blankToNull(wastedBytes);
    }
}
