package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import hudson.util.FormValidation;
import org.junit.jupiter.api.Test;

/** The freestyle form checks platforms, durations and sizes with the engine's own parsers, so it accepts what a run accepts. */
class FormValidationTest {
    private final ArchgateBuilder.DescriptorImpl builder = new ArchgateBuilder.DescriptorImpl();
    private final SmokeEntry.DescriptorImpl smoke = new SmokeEntry.DescriptorImpl();

    @Test
    void platformsAreCheckedByThePlatformParser() {
        assertThat(builder.doCheckPlatforms("linux/amd64, linux/arm64\nlinux/arm/v7").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(builder.doCheckPlatforms("aarch64 armhf").kind).isEqualTo(FormValidation.Kind.OK);
        assertThat(builder.doCheckPlatforms("").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation bad = builder.doCheckPlatforms("linux/amd64\nlinux/sparc");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("unknown platform", "linux/sparc", "linux/arm64");
    }

    @Test
    void durationsAreCheckedByTheDurationParser() {
        for (String good : new String[] {"500ms", "30s", "2m", "1h", "45", ""}) {
            assertThat(smoke.doCheckTimeout(good).kind).as(good).isEqualTo(FormValidation.Kind.OK);
            assertThat(smoke.doCheckReady(good).kind).as(good).isEqualTo(FormValidation.Kind.OK);
        }
        FormValidation bad = smoke.doCheckTimeout("30 sec");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("timeout is", "30 sec", "500ms, 30s, 2m or 1h");
        assertThat(smoke.doCheckReady("soon").getMessage()).startsWith("ready is");
    }

    @Test
    void sizesAreCheckedByTheSizeParser() {
        for (String good : new String[] {"150MiB", "1.5GiB", "200MB", "4096", ""}) {
            assertThat(builder.doCheckSizeBudget(good).kind).as(good).isEqualTo(FormValidation.Kind.OK);
            assertThat(builder.doCheckWastedBytes(good).kind).as(good).isEqualTo(FormValidation.Kind.OK);
        }
        FormValidation bad = builder.doCheckSizeBudget("150 megs");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("sizeBudget is", "150 megs", "150MiB");
        assertThat(builder.doCheckWastedBytes("0").getMessage()).startsWith("wastedBytes is").contains("above zero");
    }

    @Test
    void aSmokeModeMustBeOneTheEngineKnows() {
        assertThat(smoke.doCheckMode("service").kind).isEqualTo(FormValidation.Kind.OK);
        FormValidation bad = smoke.doCheckMode("daemon");
        assertThat(bad.kind).isEqualTo(FormValidation.Kind.ERROR);
        assertThat(bad.getMessage()).contains("use command, service or start");
    }
}
