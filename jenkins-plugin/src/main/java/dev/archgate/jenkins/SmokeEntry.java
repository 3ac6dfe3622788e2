package dev.archgate.jenkins;

import dev.archgate.jenkins.mapping.Lines;
import dev.archgate.jenkins.mapping.ParameterChecks;
import dev.archgate.jenkins.mapping.SmokeParameters;
import hudson.Extension;
import hudson.model.Describable;
import hudson.model.Descriptor;
import hudson.util.FormValidation;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;
import org.kohsuke.stapler.QueryParameter;

/**
 * One smoke test of the step or the builder: {@code [name: 'version', command: ['/app', '--version'], stdout: '^app ']}.
 * Jenkins binds it (Pipeline maps and freestyle forms alike); {@link SmokeParameters} holds the values.
 */
public final class SmokeEntry implements Describable<SmokeEntry> {
    private final SmokeParameters parameters = new SmokeParameters();

    @DataBoundConstructor
    public SmokeEntry() {}

    SmokeEntry(SmokeParameters from) {
        setName(from.getName());
        setMode(from.getMode());
        setCommand(from.getCommand());
        setExitCode(from.getExitCode());
        setStdout(from.getStdout());
        setStderr(from.getStderr());
        setTimeout(from.getTimeout());
        setReady(from.getReady());
    }

    SmokeParameters parameters() {
        return parameters;
    }

    public String getName() {
        return parameters.getName();
    }

    @DataBoundSetter
    public void setName(String name) {
        parameters.setName(name);
    }

    public String getMode() {
        return parameters.getMode();
    }

    @DataBoundSetter
    public void setMode(String mode) {
        parameters.setMode(mode);
    }

    public List<String> getCommand() {
        return parameters.getCommand();
    }

    @DataBoundSetter
    public void setCommand(List<String> command) {
        parameters.setCommand(command);
    }

    public Integer getExitCode() {
        return parameters.getExitCode();
    }

    @DataBoundSetter
    public void setExitCode(Integer exitCode) {
        parameters.setExitCode(exitCode);
    }

    public String getStdout() {
        return parameters.getStdout();
    }

    @DataBoundSetter
    public void setStdout(String stdout) {
        parameters.setStdout(stdout);
    }

    public String getStderr() {
        return parameters.getStderr();
    }

    @DataBoundSetter
    public void setStderr(String stderr) {
        parameters.setStderr(stderr);
    }

    public String getTimeout() {
        return parameters.getTimeout();
    }

    @DataBoundSetter
    public void setTimeout(String timeout) {
        parameters.setTimeout(timeout);
    }

    public String getReady() {
        return parameters.getReady();
    }

    @DataBoundSetter
    public void setReady(String ready) {
        parameters.setReady(ready);
    }

    /** The smoke test's form: durations are checked by the engine's own parser. */
    @Extension
    public static final class DescriptorImpl extends Descriptor<SmokeEntry> {
        @Override
        public String getDisplayName() {
            return Texts.get("SmokeEntry.DisplayName");
        }

        public FormValidation doCheckTimeout(@QueryParameter String value) {
            return Forms.validation(ParameterChecks.duration(value, "timeout"));
        }

        public FormValidation doCheckReady(@QueryParameter String value) {
            return Forms.validation(ParameterChecks.duration(value, "ready"));
        }

        public FormValidation doCheckMode(@QueryParameter String value) {
            return Forms.validation(ParameterChecks.smokeMode(value));
        }

        /** The text area's content for a list: one item per line. */
        public String lines(List<String> values) {
            return Lines.text(values);
        }
    }
}
