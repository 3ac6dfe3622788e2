package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.archgate.cli.ArchgateCommand;
import dev.archgate.init.ProjectScan;
import dev.archgate.init.StarterFiles;
import dev.archgate.jenkins.mapping.ParameterChecks;
import dev.archgate.testing.Fixtures;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.codehaus.groovy.ast.ASTNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.builder.AstBuilder;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.GStringExpression;
import org.codehaus.groovy.ast.expr.ListExpression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.ast.stmt.BlockStatement;
import org.codehaus.groovy.control.CompilePhase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The Jenkinsfiles of jenkinsfile-examples/ cannot drift from the step: each is parsed as Groovy, and every
 * {@code archgate} call's named arguments must be parameters of {@link ArchgateStep} (smoke entries: of
 * {@link SmokeEntry}), with literal platforms, modes and durations accepted by the engine's parsers; so must every
 * {@code archgateMerge} call's, of {@link ArchgateMergeStep}. Command lines
 * that run the CLI ({@code sh 'archgate gate ...'}) are parsed by the real CLI.
 */
class JenkinsfileExamplesTest {
    private static final Path EXAMPLES = Fixtures.repositoryRoot().resolve("jenkinsfile-examples");

    @Test
    void everyExampleParsesAndEachArchgateCallUsesOnlyRealParameters() throws IOException {
        Set<String> stepParameters = ParameterBindingTest.setters(ArchgateStep.class);
        Set<String> smokeParameters = ParameterBindingTest.setters(SmokeEntry.class);
        List<Path> files = examples();
        assertThat(files).extracting(p -> p.getFileName().toString()).containsExactlyInAnyOrder("declarative.Jenkinsfile",
                "scripted.Jenkinsfile", "parallel-native.Jenkinsfile", "pushed-image.Jenkinsfile", "no-plugin.Jenkinsfile");
        for (Path file : files) {
            Calls calls = parse(file);
            if (file.getFileName().toString().equals("no-plugin.Jenkinsfile")) {
                assertThat(calls.archgate).as(file + " uses no plugin").isEmpty();
                assertThat(calls.names).as(file.toString()).contains("junit");
                continue;
            }
            checkStepCalls(file, calls, stepParameters, smokeParameters);
        }
    }

    /** The Jenkinsfile archgate init writes (from the good-static fixture's Dockerfile) is held to the same rules. */
    @Test
    void theJenkinsfileOfArchgateInitCallsTheStepWithRealParameters(@TempDir Path dir) throws IOException {
        Files.copy(Fixtures.repositoryRoot().resolve("test-fixtures/good-static/Dockerfile"), dir.resolve("Dockerfile"));
        Path file = Files.writeString(dir.resolve("Jenkinsfile"), StarterFiles.jenkinsfile(ProjectScan.of(dir, Path.of("Dockerfile"), null)));
        Calls calls = parse(file);
        assertThat(calls.archgate).hasSize(1);
        checkStepCalls(file, calls, ParameterBindingTest.setters(ArchgateStep.class), ParameterBindingTest.setters(SmokeEntry.class));
        assertThat(literals(calls.archgate.get(0).getMapEntryExpressions().get(0).getValueExpression())).containsExactly("archgate.yml");
    }

    private static void checkStepCalls(Path file, Calls calls, Set<String> stepParameters, Set<String> smokeParameters) {
        assertThat(calls.archgate).as(file + " calls the step").isNotEmpty();
        for (MapExpression call : calls.archgate) {
            for (MapEntryExpression entry : call.getMapEntryExpressions()) {
                String key = key(entry);
                assertThat(stepParameters).as(file.getFileName() + ": archgate " + key + ":").contains(key);
                checkValue(file, key, entry.getValueExpression(), smokeParameters);
            }
        }
    }

    @Test
    void theCliCommandLinesOfTheExamplesAreAcceptedByTheCli() throws IOException {
        int checked = 0;
        for (Path file : examples()) {
            for (List<String> words : parse(file).archgateCommandLines) {
                CommandLine cli = ArchgateCommand.newCommandLine();
                assertThatCode(() -> cli.parseArgs(words.subList(1, words.size()).toArray(String[]::new)))
                        .as(file.getFileName() + ": " + String.join(" ", words)).doesNotThrowAnyException();
                checked++;
            }
        }
        assertThat(checked).as("archgate gate command lines checked").isGreaterThanOrEqualTo(1);
    }

    @Test
    void theParallelExampleMergesWithTheMergeStepAndEachCallUsesOnlyItsParameters() throws IOException {
        Set<String> parameters = parameters(ArchgateMergeStep.class);
        assertThat(parameters).containsExactlyInAnyOrder("reports", "platforms", "promote", "reportDir", "unstableOnWarning");
        assertThat(parse(EXAMPLES.resolve("parallel-native.Jenkinsfile")).archgateMerge).as("parallel-native merges with archgateMerge")
                .hasSize(1);
        for (Path file : examples()) {
            for (MapExpression call : parse(file).archgateMerge) {
                List<String> keys = call.getMapEntryExpressions().stream().map(JenkinsfileExamplesTest::key).toList();
                assertThat(keys).as(file.getFileName() + ": archgateMerge's mandatory parameters").contains("reports", "platforms");
                assertThat(parameters).as(file.getFileName() + ": archgateMerge parameters").containsAll(keys);
                call.getMapEntryExpressions().stream().filter(e -> key(e).equals("platforms"))
                        .forEach(e -> checkValue(file, "platforms", e.getValueExpression(), Set.of()));
            }
        }
    }

    /**
     * A step's parameters as Jenkins' DescribableModel sees them: those of its constructor and its setters, each with
     * a getter of the same name (which the snippet generator reads back).
     */
    private static Set<String> parameters(Class<?> step) {
        Set<String> out = new TreeSet<>();
        for (Method m : step.getMethods()) {
            String name = m.getName();
            if (m.getParameterCount() == 0 && m.getDeclaringClass() == step && (name.startsWith("get") || name.startsWith("is"))) {
                String bare = name.substring(name.startsWith("get") ? 3 : 2);
                out.add(Character.toLowerCase(bare.charAt(0)) + bare.substring(1));
            }
        }
        assertThat(out).as(step.getSimpleName() + "'s setters have getters").containsAll(ParameterBindingTest.setters(step));
        return out;
    }

    private static void checkValue(Path file, String key, Expression value, Set<String> smokeParameters) {
        String where = file.getFileName() + ": archgate " + key + ":";
        switch (key) {
            case "platforms" -> literals(value).forEach(p -> assertThat(ParameterChecks.platforms(p)).as(where).isEmpty());
            case "smoke" -> {
                assertThat(value).as(where + " is a list of maps").isInstanceOf(ListExpression.class);
                for (Expression test : ((ListExpression) value).getExpressions()) {
                    assertThat(test).as(where).isInstanceOf(MapExpression.class);
                    for (MapEntryExpression e : ((MapExpression) test).getMapEntryExpressions()) {
                        String smokeKey = key(e);
                        assertThat(smokeParameters).as(where + " " + smokeKey + ":").contains(smokeKey);
                        if (smokeKey.equals("timeout") || smokeKey.equals("ready")) {
                            literals(e.getValueExpression()).forEach(d -> assertThat(ParameterChecks.duration(d, smokeKey)).as(where).isEmpty());
                        }
                        if (smokeKey.equals("mode")) {
                            literals(e.getValueExpression()).forEach(m -> assertThat(ParameterChecks.smokeMode(m)).as(where).isEmpty());
                        }
                    }
                }
            }
            default -> { }
        }
    }

    /** The string constants of a value or of a list value; expressions computed at run time are left out. */
    private static List<String> literals(Expression value) {
        List<Expression> items = value instanceof ListExpression list ? list.getExpressions() : List.of(value);
        return items.stream().filter(e -> e instanceof ConstantExpression c && c.getValue() instanceof String)
                .map(e -> (String) ((ConstantExpression) e).getValue()).toList();
    }

    private static String key(MapEntryExpression entry) {
        assertThat(entry.getKeyExpression()).isInstanceOf(ConstantExpression.class);
        return String.valueOf(((ConstantExpression) entry.getKeyExpression()).getValue());
    }

    private static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(p -> p.getFileName().toString().endsWith("Jenkinsfile")).sorted().toList();
        }
    }

    /** What a Jenkinsfile calls: the archgate step's named arguments, every method name, and CLI command lines. */
    private static final class Calls extends CodeVisitorSupport {
        final List<MapExpression> archgate = new ArrayList<>();
        final List<MapExpression> archgateMerge = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        final List<List<String>> archgateCommandLines = new ArrayList<>();

        @Override
        public void visitMethodCallExpression(MethodCallExpression call) {
            String name = call.getMethodAsString();
            names.add(name);
            if ("archgate".equals(name)) {
                archgate.add(named(call));
            }
            if ("archgateMerge".equals(name)) {
                archgateMerge.add(named(call));
            }
            if ("sh".equals(name) && call.getArguments() instanceof TupleExpression args) {
                for (Expression arg : args.getExpressions()) {
                    String script = arg instanceof ConstantExpression c ? String.valueOf(c.getValue())
                            : arg instanceof GStringExpression g ? g.getText() : null;
                    if (script != null) {
                        commandLines(script);
                    }
                }
            }
            super.visitMethodCallExpression(call);
        }

        private static MapExpression named(MethodCallExpression call) {
            MapExpression named = new MapExpression();
            if (call.getArguments() instanceof TupleExpression args) {
                for (Expression arg : args.getExpressions()) {
                    assertThat(arg).as(call.getMethodAsString() + " takes named arguments only").isInstanceOf(MapExpression.class);
                    ((MapExpression) arg).getMapEntryExpressions().forEach(named::addMapEntryExpression);
                }
            }
            return named;
        }

        private void commandLines(String script) {
            for (String line : script.replace("\\\n", " ").split("\n")) {
                List<String> words = ShellWords.split(line.strip());
                if (words.size() > 1 && words.get(0).equals("archgate")) {
                    archgateCommandLines.add(words);
                }
            }
        }
    }

    private static Calls parse(Path file) throws IOException {
        List<ASTNode> nodes = new AstBuilder().buildFromString(CompilePhase.CONVERSION, true, Files.readString(file));
        Calls calls = new Calls();
        for (ASTNode node : nodes) {
            if (node instanceof BlockStatement block) {
                block.visit(calls);
            }
        }
        return calls;
    }
}
