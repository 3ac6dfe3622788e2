package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import hudson.model.Label;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code archgateMerge} step in a real Jenkins, as parallel-native.Jenkinsfile uses it: two parallel branches gate
 * one platform each of the good-static fixture on agents, stash their reports, and a last node merges them. Needs the
 * host's Docker engine and the fixture registry, as {@link ArchgateStepJenkinsTest}; only the real build runs it.
 */
@WithJenkins
@Tag("docker") // the host's Docker engine and fixture registry; the no-docker profile excludes it
class ArchgateMergeStepJenkinsTest {
    private static final String GOOD = Fixtures.named("good-static").image();

    private JenkinsRule j;

    @BeforeEach
    void agents(JenkinsRule rule) throws Exception {
        j = rule;
        j.createOnlineSlave(Label.get("docker"));
        j.createOnlineSlave(Label.get("docker"));
    }

    @Test
    void parallelBranchesMergeToOneVerdictTheScriptReads() throws Exception {
        WorkflowRun b = j.buildAndAssertSuccess(job(branches() + """
                node('docker') {
                  unstash 'amd64'; unstash 'arm64'
                  def merged = archgateMerge reports: ['r-amd64', 'r-arm64'], platforms: ['linux/amd64', 'linux/arm64']
                  echo "merged=${merged.verdict} platforms=${merged.platforms}"
                }
                """));
        j.assertLogContains("merged=pass platforms=[linux/amd64, linux/arm64]", b);
        assertThat(b.getActions(ArchgateSummaryAction.class)).hasSize(3);
        assertThat(b.getArtifacts()).extracting(a -> a.relativePath).contains("archgate-report/report.json");
    }

    @Test
    void aRequiredPlatformNoBranchCheckedFailsTheBuildWithTheRootCause() throws Exception {
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, job(branches() + """
                node('docker') {
                  unstash 'amd64'; unstash 'arm64'
                  archgateMerge reports: ['r-amd64', 'r-arm64'], platforms: ['linux/amd64', 'linux/arm64', 'linux/s390x']
                }
                """).scheduleBuild2(0));
        j.assertLogContains("archgate: could not check linux/s390x platform.not-checked", b);
    }

    /** Two parallel branches, each gating one platform and stashing its report directory. */
    private static String branches() {
        return """
                def gate = { arch, platform -> node('docker') {
                  archgate image: '%s', platforms: [platform], checks: ['policy.root-user=info'], reportDir: "r-${arch}"
                  stash name: arch, includes: "r-${arch}/report.json"
                } }
                parallel amd64: { gate('amd64', 'linux/amd64') }, arm64: { gate('arm64', 'linux/arm64') }
                """.formatted(GOOD);
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }
}
