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
            for (Map<String, Object> step : ExampleWorkflow.read(example).steps()) {
                if (step.containsKey("run")) {
                    assertThat(String.valueOf(step.get("run"))).as(example + ": run: takes values through env:").doesNotContain("${{");
                }
                if (ExampleWorkflow.isArchgate(step)) {
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

    /**
     * A workflow README shows calls the action as one of the examples RunnerShapedActionIT runs in the hosted runner's
     * shape (build-and-gate.yml, gate-pushed-image.yml): the same with:, so what a newcomer copies has run there.
     */
    @Test
    void theReadmesActionWorkflowsGiveTheInputsOfAnExampleThatRunsInTheRunnersShape() throws Exception {
        Path root = Fixtures.repositoryRoot();
        List<Object> exercised = new ArrayList<>();
        for (String example : List.of("build-and-gate.yml", "gate-pushed-image.yml")) {
            ExampleWorkflow.read(root.resolve("examples/github").resolve(example)).steps().stream().filter(ExampleWorkflow::isArchgate)
                    .forEach(step -> exercised.add(step.get("with")));
        }
        int shown = 0;
        for (ExampleWorkflow readme : ExampleWorkflow.inMarkdown(root.resolve("README.md"))) {
            for (Map<String, Object> step : readme.steps()) {
                if (ExampleWorkflow.isArchgate(step)) {
                    shown++;
                    assertThat(exercised).as("README's archgate step").contains(step.get("with"));
                }
            }
        }
        assertThat(shown).as("archgate steps in README's workflows").isPositive();
    }
}
