package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.init.ProjectScan;
import dev.archgate.init.StarterFiles;
import dev.archgate.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * The workflow {@code archgate init --workflow} writes keeps to what ExampleWorkflowsTest holds the examples to: the
 * Action gets only inputs action.yml declares (a misspelt one is silently dropped by the runner) and the report is
 * uploaded whatever the verdict. Source of truth: action.yml as committed, and the good-static fixture's Dockerfile.
 */
class InitWorkflowTest {
    @Test
    @SuppressWarnings("unchecked")
    void theWrittenWorkflowGivesTheActionOnlyDeclaredInputsAndUploadsTheReportOnEveryVerdict(@TempDir Path dir) throws Exception {
        Files.copy(Fixtures.repositoryRoot().resolve("test-fixtures/good-static/Dockerfile"), dir.resolve("Dockerfile"));
        ProjectScan scan = ProjectScan.of(dir, Path.of("Dockerfile"), null);
        Map<String, Object> workflow = new Yaml().load(StarterFiles.workflow(scan, StarterFiles.DEFAULT_ACTION));

        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) ((Map<String, Object>) workflow.get("jobs"))
                .get("gate")).get("steps");
        Map<String, Object> gate = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("OWNER/archgate@")).findFirst().orElseThrow();
        assertThat(HostedRunner.declaredInputs(Fixtures.repositoryRoot().resolve("action.yml")))
                .containsAll(((Map<String, Object>) gate.get("with")).keySet());
        assertThat(((Map<String, Object>) gate.get("with")).get("config")).isEqualTo("archgate.yml");
        Map<String, Object> upload = steps.stream().filter(s -> String.valueOf(s.get("uses")).startsWith("actions/upload-artifact@"))
                .findFirst().orElseThrow();
        assertThat(upload.get("if")).isEqualTo("always()");
        assertThat(((Map<String, Object>) upload.get("with")).get("path")).isEqualTo(StarterFiles.REPORT_DIR);
    }
}
