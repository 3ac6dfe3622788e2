package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.BuildOutcome;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import dev.archgate.jenkins.mapping.Lines;
import dev.archgate.jenkins.mapping.ParameterChecks;
import dev.archgate.jenkins.mapping.TestChecks;
import dev.archgate.jenkins.mapping.WorkspacePaths;
import hudson.AbortException;
import hudson.EnvVars;
import hudson.Extension;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.AbstractProject;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.tasks.BuildStepDescriptor;
import hudson.tasks.Builder;
import hudson.util.FormValidation;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import jenkins.tasks.SimpleBuildStep;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * The freestyle build step: the same gate and parameters as the {@code archgate} Pipeline step. Its symbol is
 * {@code archgateBuilder}, so that it never shadows the step's function name. List parameters come from the form's
 * text areas, one item per line.
 */
public final class ArchgateBuilder extends Builder implements SimpleBuildStep {
    private final GateParameters parameters = new GateParameters();

    @DataBoundConstructor
    public ArchgateBuilder() {}

    /** The bound parameters, as the gate takes them. */
    GateParameters parameters() {
        return parameters;
    }

    @Override
    public void perform(Run<?, ?> run, FilePath workspace, EnvVars env, Launcher launcher, TaskListener listener)
            throws InterruptedException, IOException {
        GateOutcome outcome = GateInBuild.run(parameters, WorkspacePaths.DEFAULT_REPORT_DIR, null, TestChecks.NAME, UUID.randomUUID().toString(), run, workspace, env, launcher, listener);
        listener.getLogger().println(outcome.outcome().message());
        if (outcome.outcome().status() == BuildOutcome.Status.FAILURE) {
            throw new AbortException(outcome.outcome().message());
        }
        if (outcome.outcome().status() == BuildOutcome.Status.UNSTABLE) {
            run.setResult(Result.UNSTABLE);
        }
    }

    public String getConfig() {
        return parameters.getConfig();
    }

    /** Archgate.yml to read, relative to the workspace; the other parameters override its keys. */
    @DataBoundSetter
    public void setConfig(String config) {
        parameters.setConfig(config);
    }

    public String getImage() {
        return parameters.getImage();
    }

    /** An existing image to gate instead of building (image:). */
    @DataBoundSetter
    public void setImage(String image) {
        parameters.setImage(image);
    }

    public String getContext() {
        return parameters.getContext();
    }

    /** The build context, relative to the workspace (build.context). */
    @DataBoundSetter
    public void setContext(String context) {
        parameters.setContext(context);
    }

    public String getFile() {
        return parameters.getFile();
    }

    /** The Dockerfile, relative to the workspace (build.dockerfile; default: context/Dockerfile). */
    @DataBoundSetter
    public void setFile(String file) {
        parameters.setFile(file);
    }

    public String getTarget() {
        return parameters.getTarget();
    }

    /** The Dockerfile stage to build (build.target). */
    @DataBoundSetter
    public void setTarget(String target) {
        parameters.setTarget(target);
    }

    public List<String> getPlatforms() {
        return parameters.getPlatforms();
    }

    /** The platforms, e.g. linux/amd64 (platforms:). */
    @DataBoundSetter
    public void setPlatforms(List<String> platforms) {
        parameters.setPlatforms(platforms);
    }

    public List<String> getTags() {
        return parameters.getTags();
    }

    /** Where the build is pushed (build.tags). */
    @DataBoundSetter
    public void setTags(List<String> tags) {
        parameters.setTags(tags);
    }

    public Boolean getPush() {
        return parameters.getPush();
    }

    /** Push the build to its tags and gate it by digest (build.push). */
    @DataBoundSetter
    public void setPush(Boolean push) {
        parameters.setPush(push);
    }

    public List<String> getLabels() {
        return parameters.getLabels();
    }

    /** Labels of the built image, KEY=VALUE each (build.labels). */
    @DataBoundSetter
    public void setLabels(List<String> labels) {
        parameters.setLabels(labels);
    }

    public List<String> getAnnotations() {
        return parameters.getAnnotations();
    }

    /** Annotations as buildx's --annotation takes them, e.g. index:KEY=VALUE (build.annotations). */
    @DataBoundSetter
    public void setAnnotations(List<String> annotations) {
        parameters.setAnnotations(annotations);
    }

    public List<String> getSecrets() {
        return parameters.getSecrets();
    }

    /** Build secrets as buildx's --secret takes them: id=ID,src=PATH or id=ID,env=VAR, never a value (build.secrets). */
    @DataBoundSetter
    public void setSecrets(List<String> secrets) {
        parameters.setSecrets(secrets);
    }

    public List<String> getCacheFrom() {
        return parameters.getCacheFrom();
    }

    /** Cache sources as buildx's --cache-from takes them (build.cache-from). */
    @DataBoundSetter
    public void setCacheFrom(List<String> cacheFrom) {
        parameters.setCacheFrom(cacheFrom);
    }

    public List<String> getCacheTo() {
        return parameters.getCacheTo();
    }

    /** Cache destinations as buildx's --cache-to takes them (build.cache-to). */
    @DataBoundSetter
    public void setCacheTo(List<String> cacheTo) {
        parameters.setCacheTo(cacheTo);
    }

    public String getProvenance() {
        return parameters.getProvenance();
    }

    /** The provenance attestation: true, false or buildx's options such as mode=max (build.provenance). */
    @DataBoundSetter
    public void setProvenance(String provenance) {
        parameters.setProvenance(provenance);
    }

    public String getSbom() {
        return parameters.getSbom();
    }

    /** The SBOM attestation: true, false or buildx's options (build.sbom). */
    @DataBoundSetter
    public void setSbom(String sbom) {
        parameters.setSbom(sbom);
    }

    public Boolean getNoCache() {
        return parameters.getNoCache();
    }

    /** Build without the build cache (build.no-cache). */
    @DataBoundSetter
    public void setNoCache(Boolean noCache) {
        parameters.setNoCache(noCache);
    }

    public Boolean getPull() {
        return parameters.getPull();
    }

    /** Pull every base image again (build.pull). */
    @DataBoundSetter
    public void setPull(Boolean pull) {
        parameters.setPull(pull);
    }

    public List<String> getBuildArgs() {
        return parameters.getBuildArgs();
    }

    /** Build arguments as KEY=VALUE (build.args). */
    @DataBoundSetter
    public void setBuildArgs(List<String> buildArgs) {
        parameters.setBuildArgs(buildArgs);
    }

    public Boolean getStrictEmulation() {
        return parameters.getStrictEmulation();
    }

    /** Strict emulation (emulation.strict; default on). */
    @DataBoundSetter
    public void setStrictEmulation(Boolean strictEmulation) {
        parameters.setStrictEmulation(strictEmulation);
    }

    public Boolean getInstallEmulation() {
        return parameters.getInstallEmulation();
    }

    /** Register missing QEMU handlers first (emulation.install). */
    @DataBoundSetter
    public void setInstallEmulation(Boolean installEmulation) {
        parameters.setInstallEmulation(installEmulation);
    }

    public List<String> getChecks() {
        return parameters.getChecks();
    }

    /** Check levels as CHECK-ID=LEVEL (checks:). */
    @DataBoundSetter
    public void setChecks(List<String> checks) {
        parameters.setChecks(checks);
    }

    public List<String> getIgnorePaths() {
        return parameters.getIgnorePaths();
    }

    /** Image paths the file checks leave alone (checks.ignore-paths). */
    @DataBoundSetter
    public void setIgnorePaths(List<String> ignorePaths) {
        parameters.setIgnorePaths(ignorePaths);
    }

    public List<String> getInsecureRegistries() {
        return parameters.getInsecureRegistries();
    }

    /** Registries reached over plain http (registries.insecure). */
    @DataBoundSetter
    public void setInsecureRegistries(List<String> insecureRegistries) {
        parameters.setInsecureRegistries(insecureRegistries);
    }

    public String getReportDir() {
        return parameters.getReportDir();
    }

    /** Where report.json, junit.xml and summary.md go, inside the workspace (report.dir). */
    @DataBoundSetter
    public void setReportDir(String reportDir) {
        parameters.setReportDir(reportDir);
    }

    public List<String> getPromote() {
        return parameters.getPromote();
    }

    /** Tags written only when every platform passed (promote:). */
    @DataBoundSetter
    public void setPromote(List<String> promote) {
        parameters.setPromote(promote);
    }

    public List<SmokeEntry> getSmoke() {
        return parameters.getSmoke().stream().map(SmokeEntry::new).toList();
    }

    /** The smoke tests run on every platform (smoke:). */
    @DataBoundSetter
    public void setSmoke(List<SmokeEntry> smoke) {
        parameters.setSmoke(smoke == null ? List.of() : smoke.stream().map(SmokeEntry::parameters).toList());
    }

    public boolean isUnstableOnWarning() {
        return parameters.isUnstableOnWarning();
    }

    /** A pass with warnings marks the build unstable. */
    @DataBoundSetter
    public void setUnstableOnWarning(boolean unstableOnWarning) {
        parameters.setUnstableOnWarning(unstableOnWarning);
    }

    public String getBuilder() {
        return parameters.getBuilder();
    }

    /** The buildx builder to build with (build.builder; default: buildx's current one). */
    @DataBoundSetter
    public void setBuilder(String builder) {
        parameters.setBuilder(builder);
    }

    public List<String> getEngines() {
        return parameters.getEngines();
    }

    /** The Docker engine that runs a platform's smoke tests, as PLATFORM=HOST (engines:). */
    @DataBoundSetter
    public void setEngines(List<String> engines) {
        parameters.setEngines(engines);
    }

    public List<String> getEmulationCpu() {
        return parameters.getEmulationCpu();
    }

    /** The QEMU CPU model to emulate for a platform, as PLATFORM=MODEL (emulation.cpu). */
    @DataBoundSetter
    public void setEmulationCpu(List<String> emulationCpu) {
        parameters.setEmulationCpu(emulationCpu);
    }

    public List<String> getPageSize() {
        return parameters.getPageSize();
    }

    /** The page size a platform's kernels use, as PLATFORM=SIZE (4k, 16k, 64k): every ELF file must load under it (hardware.page-size). */
    @DataBoundSetter
    public void setPageSize(List<String> pageSize) {
        parameters.setPageSize(pageSize);
    }

    public List<String> getHardwareCpu() {
        return parameters.getHardwareCpu();
    }

    /** The CPU of a platform's oldest machine, as PLATFORM=CPU: the baseline of elf.cpu-level and of strict smoke runs (hardware.cpu). */
    @DataBoundSetter
    public void setHardwareCpu(List<String> hardwareCpu) {
        parameters.setHardwareCpu(hardwareCpu);
    }

    public String getSizeBudget() {
        return parameters.getSizeBudget();
    }

    /** Most a platform's variant may weigh compressed, e.g. 150MiB (policy.size-budget). */
    @DataBoundSetter
    public void setSizeBudget(String sizeBudget) {
        parameters.setSizeBudget(sizeBudget);
    }

    public String getWastedBytes() {
        return parameters.getWastedBytes();
    }

    /** Bytes hidden by later layers above which a warning is given, e.g. 10MiB (policy.wasted-bytes). */
    @DataBoundSetter
    public void setWastedBytes(String wastedBytes) {
        parameters.setWastedBytes(wastedBytes);
    }

    /** The form: platforms are checked by the engine's platform parser as they are typed. */
    @Extension
    @Symbol("archgateBuilder")
    public static final class DescriptorImpl extends BuildStepDescriptor<Builder> {
        @Override
        @SuppressWarnings("rawtypes")
        public boolean isApplicable(Class<? extends AbstractProject> jobType) {
            return true;
        }

        @Override
        public String getDisplayName() {
            return Texts.get("ArchgateBuilder.DisplayName");
        }

        public FormValidation doCheckPlatforms(@QueryParameter String value) {
            return Forms.validation(ParameterChecks.platforms(value));
        }

        /** A size such as 150MiB, checked by the loader's parser. */
        public FormValidation doCheckSizeBudget(@QueryParameter String value) {
            return Forms.validation(ParameterChecks.size(value, "sizeBudget"));
        }

        public FormValidation doCheckWastedBytes(@QueryParameter String value) {
            return Forms.validation(ParameterChecks.size(value, "wastedBytes"));
        }

        /** The text area's content for a list parameter: one item per line. */
        public String lines(List<String> values) {
            return Lines.text(values);
        }
    }
}
