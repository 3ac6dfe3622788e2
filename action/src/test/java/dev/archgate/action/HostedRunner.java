package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.ClassicEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.yaml.snakeyaml.Yaml;

/**
 * Starts the action's container as GitHub's runner does (actions/runner,
 * src/Runner.Worker/Handlers/ContainerActionHandler.cs and Container/DockerCommandManager.cs):
 * {@code docker run --rm --workdir /github/workspace} on the engine's default bridge network
 * (never host), the engine's socket at /var/run/docker.sock, the runner's temp directories at
 * /github/home (HOME), /github/workflow, /github/file_commands and /github/runner_temp, the
 * workspace at /github/workspace, GITHUB_* variables, and every input action.yml declares as
 * INPUT_NAME (upper case, hyphens kept), empty when the step does not give it. Environment values
 * that name a runner path are translated to the container's path, as the runner's
 * TranslateToContainerPath does (so DOCKER_CONFIG: ${{ runner.temp }}/docker arrives as
 * /github/runner_temp/docker). The engine is the classic-store one of dev/setup-host.
 */
final class HostedRunner {
    /** What one step left behind. */
    record Step(int status, String log, Map<String, String> outputs, String summary) {}

    /** The user the hosted images run the runner as (uid and gid 1001), who owns the workspace. */
    static final int RUNNER_UID = 1001;
    private final ClassicEngine engine;
    private final String image;
    private final Path root;
    final Path workspace;
    final Path runnerTemp;

    HostedRunner(ClassicEngine engine, String image, Path root) throws IOException {
        this.engine = engine;
        this.image = image;
        this.root = root;
        this.workspace = Files.createDirectories(root.resolve("work/repo/repo"));
        Files.setAttribute(workspace, "unix:uid", RUNNER_UID);
        Files.setAttribute(workspace, "unix:gid", RUNNER_UID);
        this.runnerTemp = Files.createDirectories(root.resolve("work/_temp"));
        for (String d : List.of("_github_home", "_github_workflow", "_runner_file_commands")) {
            Files.createDirectories(runnerTemp.resolve(d));
        }
    }

    /** The inputs action.yml declares, in its order. */
    static List<String> declaredInputs(Path actionYml) throws IOException {
        Map<String, Object> action = new Yaml().load(Files.readString(actionYml));
        @SuppressWarnings("unchecked")
        Map<String, Object> inputs = (Map<String, Object>) action.get("inputs");
        return new ArrayList<>(inputs.keySet());
    }

    /** Runs the action once with the step's {@code with:} and the job's {@code env:} (runner paths allowed in values). */
    Step run(Map<String, String> with, Map<String, String> env) throws Exception {
        Path commands = runnerTemp.resolve("_runner_file_commands");
        Path output = Files.writeString(commands.resolve("set_output_" + UUID.randomUUID()), "");
        Path summary = Files.writeString(commands.resolve("step_summary_" + UUID.randomUUID()), "");
        Files.writeString(runnerTemp.resolve("_github_workflow/event.json"), "{}");
        List<String> cmd = new ArrayList<>(List.of("run", "--name", "archgate-runner-it-" + UUID.randomUUID().toString().substring(0, 8),
                "--workdir", "/github/workspace", "--rm",
                "-v", ClassicEngine.SOCKET + ":/var/run/docker.sock",
                "-v", runnerTemp.resolve("_github_home") + ":/github/home",
                "-v", runnerTemp.resolve("_github_workflow") + ":/github/workflow",
                "-v", commands + ":/github/file_commands",
                "-v", runnerTemp + ":/github/runner_temp",
                "-v", workspace + ":/github/workspace"));
        Map<String, String> vars = new LinkedHashMap<>();
        for (String input : declaredInputs(repositoryRoot().resolve("action.yml"))) {
            vars.put(Inputs.variable(input), with.getOrDefault(input, ""));
        }
        assertThat(declaredInputs(repositoryRoot().resolve("action.yml"))).as("inputs the step gives that action.yml declares")
                .containsAll(with.keySet());
        vars.putAll(Map.of("HOME", "/github/home", "GITHUB_ACTIONS", "true", "CI", "true", "GITHUB_WORKSPACE", "/github/workspace",
                "RUNNER_TEMP", "/github/runner_temp", "GITHUB_EVENT_PATH", "/github/workflow/event.json",
                "GITHUB_OUTPUT", "/github/file_commands/" + output.getFileName(),
                "GITHUB_STEP_SUMMARY", "/github/file_commands/" + summary.getFileName(),
                "GITHUB_REPOSITORY", "acme/app", "GITHUB_EVENT_NAME", "push"));
        env.forEach((k, v) -> vars.put(k, translate(v)));
        vars.forEach((k, v) -> cmd.addAll(List.of("-e", k + "=" + v)));
        cmd.add(image);
        Process p = engine.docker(cmd.toArray(String[]::new));
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(20, TimeUnit.MINUTES)).as("the action ended").isTrue();
        return new Step(p.exitValue(), log, ActionContractIT.parseOutputs(Files.readString(output)), Files.readString(summary));
    }

    /** A runner path in a value, as the container sees it. */
    String translate(String value) {
        return value.replace(runnerTemp.resolve("_github_home").toString(), "/github/home")
                .replace(runnerTemp.resolve("_github_workflow").toString(), "/github/workflow")
                .replace(runnerTemp.resolve("_runner_file_commands").toString(), "/github/file_commands")
                .replace(workspace.toString(), "/github/workspace")
                .replace(runnerTemp.toString(), "/github/runner_temp");
    }

    private static Path repositoryRoot() {
        return dev.archgate.testing.Fixtures.repositoryRoot();
    }
}
