package dev.archgate.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;

/**
 * One of the example workflows (examples/github/*.yml) as the runner reads it: its jobs' steps, and an archgate step's
 * {@code with:} as the inputs the runner hands the action once it has evaluated each {@code ${{ expression }}}. The
 * evaluation is the test's: it names the value of every expression the step holds (the event's, the job's env, the
 * outputs of earlier steps and jobs), and an expression it does not name fails the test rather than arriving empty.
 */
final class ExampleWorkflow {
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.*?)\\s*}}");
    private static final Pattern YAML_BLOCK = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL);
    private final String file;
    private final Map<String, Object> workflow;

    private ExampleWorkflow(String file, String text) {
        this.file = file;
        this.workflow = new Yaml().load(text);
    }

    static ExampleWorkflow read(Path file) throws IOException {
        return new ExampleWorkflow(file.toString(), Files.readString(file));
    }

    /** The workflows among a Markdown file's {@code yaml} code blocks (those with {@code jobs:}). */
    static List<ExampleWorkflow> inMarkdown(Path markdown) throws IOException {
        List<ExampleWorkflow> out = new ArrayList<>();
        Matcher m = YAML_BLOCK.matcher(Files.readString(markdown));
        while (m.find()) {
            if (new Yaml().load(m.group(1)) instanceof Map<?, ?> doc && doc.containsKey("jobs")) {
                out.add(new ExampleWorkflow(markdown + " (a yaml block)", m.group(1)));
            }
        }
        return out;
    }

    /** The steps of every job, in the file's order. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> steps() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object job : ((Map<String, Object>) workflow.get("jobs")).values()) {
            out.addAll((List<Map<String, Object>>) ((Map<String, Object>) job).get("steps"));
        }
        return out;
    }

    /** Whether a step runs this repository's action ({@code OWNER/archgate@REF}). */
    static boolean isArchgate(Map<String, Object> step) {
        return String.valueOf(step.get("uses")).startsWith("OWNER/archgate@");
    }

    /**
     * The inputs of job {@code job}'s archgate step number {@code index} (0: its first), every expression replaced by
     * its value in {@code values} (keyed by the expression's text, without the braces).
     */
    @SuppressWarnings("unchecked")
    Map<String, String> archgateInputs(String job, int index, Map<String, String> values) {
        Map<String, Object> jobs = (Map<String, Object>) workflow.get("jobs");
        List<Map<String, Object>> steps = (List<Map<String, Object>>) ((Map<String, Object>) jobs.get(job)).get("steps");
        Map<String, Object> step = steps.stream().filter(ExampleWorkflow::isArchgate).skip(index).findFirst()
                .orElseThrow(() -> new AssertionError(file + ": job " + job + " has no archgate step " + index));
        Map<String, String> inputs = new LinkedHashMap<>();
        ((Map<String, Object>) step.get("with")).forEach((k, v) -> inputs.put(k, evaluate(String.valueOf(v), values)));
        return inputs;
    }

    private String evaluate(String text, Map<String, String> values) {
        Matcher m = EXPRESSION.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new AssertionError(file + ": the test gives no value for ${{ " + m.group(1) + " }}");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        return m.appendTail(out).toString();
    }
}
