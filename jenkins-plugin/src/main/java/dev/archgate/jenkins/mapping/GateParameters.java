package dev.archgate.jenkins.mapping;

import dev.archgate.ArchgateException;
import dev.archgate.spec.ByteSizes;
import dev.archgate.spec.CpuOverride;
import dev.archgate.spec.EngineEndpoint;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.spec.Settings;
import dev.archgate.spec.SpecAssembler;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The parameters of the {@code archgate} step and of the freestyle builder, one per archgate.yml key, and how they
 * become a {@link GateSpec} through the engine's {@link SpecAssembler}: {@code config} is read first (relative to the
 * workspace; without it, archgate.yml in the workspace when there is one), then each parameter that was given
 * overrides its key, as the CLI's flags and the Action's inputs do. Paths are relative to the workspace. A parameter left null (or an
 * empty list) keeps what the file says.
 */
public final class GateParameters implements Serializable {
    /** The parameters by archgate.yml's keys, for the messages that name them. */
    private static final SpecAssembler SETTINGS = new SpecAssembler(Map.ofEntries(Map.entry("image", "image"),
            Map.entry("platforms", "platforms"), Map.entry("config", "config"), Map.entry("build.context", "context"),
            Map.entry("build.dockerfile", "file"), Map.entry("build.target", "target"), Map.entry("build.tags", "tags"),
            Map.entry("build.push", "push"), Map.entry("build.args", "buildArgs"), Map.entry("build.labels", "labels"),
            Map.entry("build.annotations", "annotations"), Map.entry("build.secrets", "secrets"), Map.entry("build.cache-from", "cacheFrom"),
            Map.entry("build.cache-to", "cacheTo"), Map.entry("build.provenance", "provenance"), Map.entry("build.sbom", "sbom"),
            Map.entry("build.no-cache", "noCache"), Map.entry("build.pull", "pull"), Map.entry("checks", "checks"),
            Map.entry("engines", "engines"), Map.entry("emulation.cpu", "emulationCpu"), Map.entry("hardware.page-size", "pageSize"),
            Map.entry("hardware.cpu", "hardwareCpu")));

    private static final long serialVersionUID = 1L;

    private String config;
    private String image;
    private String context;
    private String file;
    private String target;
    // Lists are ArrayLists of their own (Lines.items): a job's config.xml stores these fields through XStream.
    private ArrayList<String> platforms = new ArrayList<>();
    private ArrayList<String> tags = new ArrayList<>();
    private Boolean push;
    private ArrayList<String> buildArgs = new ArrayList<>();
    private ArrayList<SmokeParameters> smoke = new ArrayList<>();
    private ArrayList<String> labels = new ArrayList<>();
    private ArrayList<String> annotations = new ArrayList<>();
    private ArrayList<String> secrets = new ArrayList<>();
    private ArrayList<String> cacheFrom = new ArrayList<>();
    private ArrayList<String> cacheTo = new ArrayList<>();
    private String provenance;
    private String sbom;
    private Boolean noCache;
    private Boolean pull;
    private Boolean strictEmulation;
    private Boolean installEmulation;
    private ArrayList<String> checks = new ArrayList<>();
    private ArrayList<String> ignorePaths = new ArrayList<>();
    private ArrayList<String> insecureRegistries = new ArrayList<>();
    private String reportDir;
    private ArrayList<String> promote = new ArrayList<>();
    private boolean unstableOnWarning;
    private String builder;
    private ArrayList<String> engines = new ArrayList<>();
    private ArrayList<String> emulationCpu = new ArrayList<>();
    private ArrayList<String> pageSize = new ArrayList<>();
    private ArrayList<String> hardwareCpu = new ArrayList<>();
    private String sizeBudget;
    private String wastedBytes;

    /**
     * The spec of one run in {@code workspace}; {@code environment} answers {@code ${VAR}} in archgate.yml (the build's
     * environment). The report directory must lie inside the workspace, where the test results and archived reports
     * are taken from.
     *
     * @throws ArchgateException (or the platform parser's exception) with one sentence naming the parameter and the fix
     */
    public GateSpec toSpec(Path workspace, UnaryOperator<String> environment) {
        return toSpec(workspace, environment, WorkspacePaths.DEFAULT_REPORT_DIR);
    }

    /**
     * The spec, its reports in {@code defaultReportDir} (relative to the workspace) when neither {@code reportDir} nor
     * archgate.yml names a directory: parallel steps of one build each need their own, or their archived reports
     * overwrite each other.
     */
    public GateSpec toSpec(Path workspace, UnaryOperator<String> environment, String defaultReportDir) {
        List<SmokeTest> tests = new ArrayList<>();
        for (int i = 0; i < smoke.size(); i++) {
            tests.add(smoke.get(i).toSmokeTest(i));
        }
        Settings settings = Settings.builder()
                .config(config)
                .image(image)
                .context(WorkspacePaths.resolve(workspace, context))
                .dockerfile(WorkspacePaths.resolve(workspace, file))
                .target(target)
                .platforms(platforms.isEmpty() ? null : String.join(",", platforms))
                .tags(tags)
                .push(push)
                .buildArgs(SETTINGS.pairs(buildArgs, "build.args", "KEY=VALUE"))
                .labels(SETTINGS.pairs(labels, "build.labels", "KEY=VALUE"))
                .annotations(annotations)
                .secrets(secrets)
                .cacheFrom(cacheFrom)
                .cacheTo(cacheTo)
                .provenance(provenance)
                .sbom(sbom)
                .noCache(noCache)
                .pull(pull)
                .smoke(tests)
                .strictEmulation(strictEmulation)
                .installEmulation(installEmulation)
                .checks(SETTINGS.pairs(checks, "checks", "CHECK-ID=LEVEL"))
                .ignorePaths(ignorePaths)
                .insecureRegistries(insecureRegistries)
                .promote(promote)
                .reportDir(WorkspacePaths.resolve(workspace, reportDir))
                .builder(builder)
                .engines(EngineEndpoint.all(SETTINGS.pairs(engines, "engines", "PLATFORM=HOST"), "engines"))
                .emulationCpu(CpuOverride.all(SETTINGS.pairs(emulationCpu, "emulation.cpu", "PLATFORM=MODEL"), "emulationCpu"))
                .hardwarePageSize(SETTINGS.pairs(pageSize, "hardware.page-size", "PLATFORM=SIZE"))
                .hardwareCpu(SETTINGS.pairs(hardwareCpu, "hardware.cpu", "PLATFORM=CPU"))
                .sizeBudget(sizeBudget == null ? null : ByteSizes.parse(sizeBudget, "sizeBudget"))
                .wastedBytes(wastedBytes == null ? null : ByteSizes.parse(wastedBytes, "wastedBytes"))
                .build();
        SpecDraft d = SETTINGS.draft(workspace, environment, settings);
        d = d.withReportDir(WorkspacePaths.reportDir(workspace, d.reportDir() != null ? d.reportDir() : workspace.resolve(defaultReportDir)));
        return SETTINGS.spec(d);
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
        return Collections.unmodifiableList(platforms);
    }

    public void setPlatforms(List<String> platforms) {
        this.platforms = Lines.items(platforms);
    }

    public List<String> getTags() {
        return Collections.unmodifiableList(tags);
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

    public List<String> getLabels() {
        return Collections.unmodifiableList(labels);
    }

    public void setLabels(List<String> labels) {
        this.labels = Lines.items(labels);
    }

    public List<String> getAnnotations() {
        return Collections.unmodifiableList(annotations);
    }

    public void setAnnotations(List<String> annotations) {
        this.annotations = Lines.items(annotations);
    }

    public List<String> getSecrets() {
        return Collections.unmodifiableList(secrets);
    }

    public void setSecrets(List<String> secrets) {
        this.secrets = Lines.items(secrets);
    }

    public List<String> getCacheFrom() {
        return Collections.unmodifiableList(cacheFrom);
    }

    public void setCacheFrom(List<String> cacheFrom) {
        this.cacheFrom = Lines.items(cacheFrom);
    }

    public List<String> getCacheTo() {
        return Collections.unmodifiableList(cacheTo);
    }

    public void setCacheTo(List<String> cacheTo) {
        this.cacheTo = Lines.items(cacheTo);
    }

    public String getProvenance() {
        return provenance;
    }

    public void setProvenance(String provenance) {
        this.provenance = SmokeParameters.blankToNull(provenance);
    }

    public String getSbom() {
        return sbom;
    }

    public void setSbom(String sbom) {
        this.sbom = SmokeParameters.blankToNull(sbom);
    }

    public Boolean getNoCache() {
        return noCache;
    }

    public void setNoCache(Boolean noCache) {
        this.noCache = noCache;
    }

    public Boolean getPull() {
        return pull;
    }

    public void setPull(Boolean pull) {
        this.pull = pull;
    }

    public List<String> getBuildArgs() {
        return Collections.unmodifiableList(buildArgs);
    }

    public void setBuildArgs(List<String> buildArgs) {
        this.buildArgs = Lines.items(buildArgs);
    }

    public List<SmokeParameters> getSmoke() {
        return Collections.unmodifiableList(smoke);
    }

    public void setSmoke(List<SmokeParameters> smoke) {
        this.smoke = smoke == null ? new ArrayList<>() : new ArrayList<>(smoke);
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
        return Collections.unmodifiableList(checks);
    }

    public void setChecks(List<String> checks) {
        this.checks = Lines.items(checks);
    }

    public List<String> getIgnorePaths() {
        return Collections.unmodifiableList(ignorePaths);
    }

    public void setIgnorePaths(List<String> ignorePaths) {
        this.ignorePaths = Lines.items(ignorePaths);
    }

    public List<String> getInsecureRegistries() {
        return Collections.unmodifiableList(insecureRegistries);
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
        return Collections.unmodifiableList(promote);
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
        return Collections.unmodifiableList(engines);
    }

    public void setEngines(List<String> engines) {
        this.engines = Lines.items(engines);
    }

    public List<String> getEmulationCpu() {
        return Collections.unmodifiableList(emulationCpu);
    }

    public void setEmulationCpu(List<String> emulationCpu) {
        this.emulationCpu = Lines.items(emulationCpu);
    }

    public List<String> getPageSize() {
        return Collections.unmodifiableList(pageSize);
    }

    public void setPageSize(List<String> pageSize) {
        this.pageSize = Lines.items(pageSize);
    }

    public List<String> getHardwareCpu() {
        return Collections.unmodifiableList(hardwareCpu);
    }

    public void setHardwareCpu(List<String> hardwareCpu) {
        this.hardwareCpu = Lines.items(hardwareCpu);
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
