package dev.archgate.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The docker CLI archgate runs for what the Engine API cannot do (buildx builds, builder
 * inspection, registry-side copies), started with the adapter's environment on top of the
 * process's, so DOCKER_HOST, DOCKER_CONFIG and the like of a Jenkins build reach it.
 *
 * @param program the docker command (ARCHGATE_DOCKER, default {@code docker})
 */
public record DockerCli(String program, Map<String, String> environment) {
    public DockerCli {
        environment = Map.copyOf(environment);
    }

    /** A process builder of {@code program args...} under this environment, its error stream merged into its output. */
    public ProcessBuilder command(List<String> args) {
        List<String> command = new ArrayList<>(args.size() + 1);
        command.add(program);
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return builder;
    }
}
