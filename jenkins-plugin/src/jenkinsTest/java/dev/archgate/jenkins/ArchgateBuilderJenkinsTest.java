package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import hudson.model.FreeStyleBuild;
import hudson.model.FreeStyleProject;
import hudson.model.Label;
import hudson.model.Result;
import hudson.slaves.DumbSlave;
import hudson.tasks.junit.TestResultAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/** The freestyle builder in a real Jenkins: its form keeps every parameter, and it gates on the project's agent. */
@WithJenkins
class ArchgateBuilderJenkinsTest {
    @Test
    void theFormKeepsEveryParameter(JenkinsRule j) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        ArchgateBuilder before = new ArchgateBuilder();
        before.setConfig("ci/archgate.yml");
        before.setContext("app");
        before.setFile("app/Dockerfile.release");
        before.setTarget("runtime");
        before.setPlatforms(List.of("linux/amd64", "linux/arm64"));
        before.setTags(List.of("registry.example.com/app:candidate"));
        before.setPush(true);
        before.setBuildArgs(List.of("VERSION=1.2.3", "MODE=a b"));
        SmokeEntry version = new SmokeEntry();
        version.setName("version");
        version.setMode("command");
        version.setCommand(List.of("/app", "--version"));
        version.setExitCode(0);
        version.setStdout("^app ");
        version.setTimeout("30s");
        before.setSmoke(List.of(version));
        before.setStrictEmulation(true);
        before.setInstallEmulation(false);
        before.setChecks(List.of("policy.root-user=warning"));
        before.setIgnorePaths(List.of("/usr/share/firmware/**"));
        before.setInsecureRegistries(List.of("registry.local:5000"));
        before.setReportDir("out/archgate");
        before.setPromote(List.of("registry.example.com/app:1.2.3"));
        before.setUnstableOnWarning(true);
        p.getBuildersList().add(before);

        j.configRoundtrip(p);

        j.assertEqualDataBoundBeans(before, p.getBuildersList().get(ArchgateBuilder.class));
    }

    /** The real form and Stapler's binding (what FormSubmissionTest reproduces offline): empty text areas, push unchecked. */
    @Test
    void aFormWithEmptyTextAreasAndPushUncheckedGatesTheImage(JenkinsRule j) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        p.getBuildersList().add(imageGate());

        j.configRoundtrip(p);

        ArchgateBuilder after = p.getBuildersList().get(ArchgateBuilder.class);
        assertThat(after.getTags()).isEmpty();
        assertThat(after.getEngines()).isEmpty();
        assertThat(after.getBuildArgs()).isEmpty();
        Path workspace = Files.createTempDirectory("archgate-form");
        assertThat(after.parameters().toSpec(workspace, name -> null).image()).isEqualTo("registry.example.com/app:1");
    }

    /** checkbox.jelly shows instance[field] ?: default: a saved false must not come back checked and be saved as true. */
    @Test
    void strictEmulationSavedOffStaysOff(JenkinsRule j) throws Exception {
        FreeStyleProject p = j.createFreeStyleProject();
        ArchgateBuilder before = imageGate();
        before.setStrictEmulation(false);
        p.getBuildersList().add(before);

        j.configRoundtrip(p);

        assertThat(p.getBuildersList().get(ArchgateBuilder.class).getStrictEmulation()).isFalse();
    }

    @Test
    @Tag("docker") // the host's Docker engine and fixture registry; the no-docker profile excludes it
    void aFreestyleBuildGatesOnItsAgentAndRecordsTheResults(JenkinsRule j) throws Exception {
        DumbSlave agent = j.createOnlineSlave(Label.get("docker"));
        FreeStyleProject p = j.createFreeStyleProject();
        p.setAssignedNode(agent);
        ArchgateBuilder builder = new ArchgateBuilder();
        builder.setImage(Fixtures.named("good-static").image());
        builder.setPlatforms(List.of("linux/amd64\nlinux/s390x"));
        builder.setChecks(List.of("policy.root-user=warning"));
        builder.setUnstableOnWarning(true);
        p.getBuildersList().add(builder);

        FreeStyleBuild b = j.assertBuildStatus(Result.UNSTABLE, p.scheduleBuild2(0));

        j.assertLogContains("archgate: passed with", b);
        assertThat(b.getAction(TestResultAction.class).getTotalCount()).isPositive();
        assertThat(b.getAction(ArchgateSummaryAction.class)).isNotNull();
    }

    /** A builder that gates an image on one platform, every other field left as a new form leaves it. */
    private static ArchgateBuilder imageGate() {
        ArchgateBuilder b = new ArchgateBuilder();
        b.setImage("registry.example.com/app:1");
        b.setPlatforms(List.of("linux/amd64"));
        return b;
    }
}
