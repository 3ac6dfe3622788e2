package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.host.DockerClients;
import dev.archgate.smoke.Labels;
import dev.archgate.testing.Fixtures;
import hudson.model.Label;
import hudson.model.Result;
import hudson.tasks.junit.TestResult;
import hudson.tasks.junit.TestResultAction;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.actions.WarningAction;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.graph.FlowNode;
import org.jenkinsci.plugins.workflow.graphanalysis.DepthFirstScanner;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.jvnet.hudson.test.JenkinsRule;
import org.jvnet.hudson.test.junit.jupiter.WithJenkins;

/**
 * The {@code archgate} step in a real Jenkins: a Pipeline whose node block runs on an agent (a separate JVM), against
 * the host's Docker engine and the fixture registry on 127.0.0.1:5000 (run dev/setup-host and test-fixtures/build).
 * Only the real build (jenkins-plugin/pom.xml) runs these.
 */
@WithJenkins
@Tag("docker") // the host's Docker engine and fixture registry; the no-docker profile excludes it
class ArchgateStepJenkinsTest {
    private static final String GOOD = Fixtures.named("good-static").image();
    private static final String SMOKE = "smoke: [[name: 'version', command: ['/app', '--version'], stdout: '^app ']]";

    private JenkinsRule j;

    @BeforeEach
    void agent(JenkinsRule rule) throws Exception {
        j = rule;
        j.createOnlineSlave(Label.get("docker"));
    }

    @Test
    void aGoodImagePassesOnTheAgentAndTheScriptReadsTheResult() throws Exception {
        WorkflowRun b = j.buildAndAssertSuccess(job("""
                node('docker') {
                  def r = archgate image: '%s', platforms: ['linux/amd64', 'linux/arm64'], %s, checks: ['policy.root-user=info']
                  echo "verdict=${r.verdict} failed=${r.failedPlatforms} digest=${r.digest} reportDir=${r.reportDir}"
                }
                """.formatted(GOOD, SMOKE)));

        j.assertLogContains("[archgate] [linux/arm64] PASS", b);
        j.assertLogContains("verdict=pass failed=[] digest=sha256:", b);
        TestResultAction tests = b.getAction(TestResultAction.class);
        assertThat(tests.getTotalCount()).isEqualTo(4); // per platform: the verdict and the smoke test
        assertThat(tests.getFailCount()).isZero();
        assertThat(b.getAction(ArchgateSummaryAction.class).getSummaryHtml()).contains("<table", "linux/arm64");
        String reportDir = JenkinsRule.getLog(b).lines().filter(l -> l.startsWith("verdict=")).findFirst().orElseThrow().replaceAll(".*reportDir=", "");
        assertThat(reportDir).matches("archgate-report-\\d+");
        assertThat(b.getArtifacts()).extracting(a -> a.relativePath)
                .contains(reportDir + "/report.json", reportDir + "/junit.xml", reportDir + "/summary.md");
    }

    @Test
    void parallelStepsKeepTheirOwnReportsAndTheirTestResultsOnTheirOwnNodes() throws Exception {
        WorkflowRun b = j.buildAndAssertSuccess(job("""
                stage('Gate') {
                  parallel amd64: { node('docker') { archgate image: '%s', platforms: ['linux/amd64'], checks: ['policy.root-user=info'] } },
                           arm64: { node('docker') { archgate image: '%s', platforms: ['linux/arm64'], checks: ['policy.root-user=info'] } }
                }
                """.formatted(GOOD, GOOD)));

        assertThat(b.getArtifacts()).extracting(a -> a.relativePath).filteredOn(path -> path.endsWith("/report.json")).hasSize(2);
        TestResult tests = b.getAction(TestResultAction.class).getResult();
        List<FlowNode> gates = new DepthFirstScanner().allNodes(b.getExecution()).stream()
                .filter(n -> "archgate".equals(n.getDisplayFunctionName())).toList();
        assertThat(gates).hasSize(2);
        for (FlowNode gate : gates) {
            assertThat(tests.getResultByNode(gate.getId()).getTotalCount()).as("the verdict of the step's one platform").isEqualTo(1);
        }
    }

    @Test
    void theGoarchFixtureFailsTheBuildWithTheRootCause() throws Exception {
        String root = Fixtures.repositoryRoot().toString();
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, job("""
                node('docker') {
                  archgate context: '%s/test-fixtures/src', file: '%s/test-fixtures/broken-goarch/Dockerfile',
                           platforms: ['linux/amd64', 'linux/arm64'], push: true,
                           tags: ['127.0.0.1:5000/archgate/it/jenkins:rule-%s'], %s
                }
                """.formatted(root, root, UUID.randomUUID().toString().substring(0, 8), SMOKE)).scheduleBuild2(0));

        j.assertLogContains("archgate: gate failed: linux/arm64 elf.arch-mismatch /app", b);
        j.assertLogContains("Dockerfile:7", b);
        TestResultAction tests = b.getAction(TestResultAction.class);
        assertThat(tests.getFailCount()).isPositive();
        assertThat(b.getAction(ArchgateSummaryAction.class).getDisplayName()).isEqualTo("archgate: FAIL");
    }

    @Test
    void aPassWithWarningsIsUnstableWithAWarningOnTheStepsNode() throws Exception {
        WorkflowRun b = j.assertBuildStatus(Result.UNSTABLE, job("""
                node('docker') {
                  archgate image: '%s', platforms: ['linux/amd64'], %s, checks: ['policy.root-user=warning'], unstableOnWarning: true
                }
                """.formatted(GOOD, SMOKE)).scheduleBuild2(0));

        List<FlowNode> warned = new DepthFirstScanner().allNodes(b.getExecution()).stream()
                .filter(n -> n.getPersistentAction(WarningAction.class) != null).toList();
        assertThat(warned).hasSize(1);
        assertThat(warned.get(0).getPersistentAction(WarningAction.class).getMessage()).contains("policy.root-user");

        j.buildAndAssertSuccess(job("""
                node('docker') {
                  archgate image: '%s', platforms: ['linux/amd64'], %s, checks: ['policy.root-user=warning']
                }
                """.formatted(GOOD, SMOKE)));
    }

    @Test
    void anEnvironmentThatCannotBeCheckedFailsWithTheSentenceNamingThePart() throws Exception {
        WorkflowRun b = j.assertBuildStatus(Result.FAILURE, job("""
                node('docker') { archgate image: '127.0.0.1:5997/team/app:1', platforms: ['linux/amd64'] }
                """).scheduleBuild2(0));
        j.assertLogContains("archgate: registry 127.0.0.1:5997 is unreachable", b);
    }

    @Test
    void abortingTheBuildInTheMiddleOfASmokeRunLeavesNoContainer() throws Exception {
        WorkflowJob p = job("""
                node('docker') {
                  archgate image: '%s', platforms: ['linux/amd64', 'linux/arm64'], smoke: [[name: 'serves', mode: 'service', ready: '60s']]
                }
                """.formatted(Fixtures.named("good-service").image()));
        WorkflowRun b = p.scheduleBuild2(0).waitForStart();
        j.waitForMessage("[archgate] [linux/arm64] checking", b);
        DockerClient docker = DockerClients.fromEnvironment(System.getenv());
        long deadline = System.nanoTime() + 120_000_000_000L;
        while (serviceContainers(docker) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        assertThat(serviceContainers(docker)).isPositive();

        b.doStop();
        j.assertBuildStatus(Result.ABORTED, j.waitForCompletion(b));
        j.assertLogContains("[archgate] aborting", b);
        assertThat(serviceContainers(docker)).isZero();
    }

    @Test
    void theStepAndTheFreestyleBuildersSymbolDoNotClash() throws Exception {
        WorkflowRun b = j.buildAndAssertSuccess(job("""
                node('docker') {
                  archgate image: '%s', platforms: ['linux/amd64'], %s, checks: ['policy.root-user=info']
                  archgateBuilder image: '%s', platforms: ['linux/arm64'], checks: ['policy.root-user=info']
                }
                """.formatted(GOOD, SMOKE, GOOD)));
        assertThat(b.getActions(ArchgateSummaryAction.class)).extracting(ArchgateSummaryAction::getUrlName)
                .containsExactly("archgate", "archgate-2");
    }

    private WorkflowJob job(String script) throws Exception {
        WorkflowJob p = j.createProject(WorkflowJob.class);
        p.setDefinition(new CpsFlowDefinition(script, true));
        return p;
    }

    /** Smoke containers of the good-service fixture (the agent is another JVM, so its containers are not this one's). */
    private static long serviceContainers(DockerClient docker) {
        return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(Labels.MARK, "1")).exec().stream()
                .filter(c -> c.getImage().contains("archgate/fixtures/good-service")).count();
    }
}
