package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The example workflows call the action only with inputs its action.yml declares (GitHub merely
 * warns about an unknown with: key, and the runner passes no INPUT_ for it, so a misspelt input is
 * silently ignored there), and keep to the rules a newcomer copying them relies on: no expression
 * inside run: (it would be pasted into the shell), image names lower-cased, the report uploaded
 * whatever the verdict. Source of truth: the examples and action.yml as committed.
 */
class ExampleWorkflowsTest {
    @Test
    void everyArchgateStepGivesOnlyDeclaredInputsAndNoRunStepHoldsAnExpression() throws Exception {
        Path root = Fixtures.repositoryRoot();
        List<String> declared = HostedRunner.declaredInputs(root.resolve("action.yml"));
        List<Path> examples;
        try (Stream<Path> files = Files.list(root.resolve("examples/github"))) {
            examples = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        assertThat(examples).hasSizeGreaterThanOrEqualTo(4);
        int archgateSteps = 0;
        for (Path example : examples) {
            String text = Files.readString(example);
            assertThat(text).as(example + ": registry names are lower case").doesNotContain("ghcr.io/${{ github.repository }}");
            for (Map<String, Object> step : steps(new Yaml().load(text))) {
                if (step.containsKey("run")) {
                    assertThat(String.valueOf(step.get("run"))).as(example + ": run: takes values through env:").doesNotContain("${{");
                }
                if (String.valueOf(step.get("uses")).startsWith("OWNER/archgate@")) {
                    archgateSteps++;
                    @SuppressWarnings("unchecked")
                    Map<String, Object> with = (Map<String, Object>) step.get("with");
                    assertThat(declared).as(example + ": with: keys of the archgate step").containsAll(with.keySet());
                }
                if (String.valueOf(step.get("uses")).startsWith("actions/upload-artifact@")) {
                    assertThat(String.valueOf(step.get("if"))).as(example + ": the report is uploaded on every verdict").contains("always()");
                }
            }
        }
        assertThat(archgateSteps).isGreaterThanOrEqualTo(5);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> steps(Map<String, Object> workflow) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object job : ((Map<String, Object>) workflow.get("jobs")).values()) {
            out.addAll((List<Map<String, Object>>) ((Map<String, Object>) job).get("steps"));
        }
        return out;
    }
}
