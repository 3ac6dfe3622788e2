package dev.archgate.cli;

import dev.archgate.gate.Gate;
import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code archgate lint Dockerfile}: the lines that put one architecture's code into every platform. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = "Lint a Dockerfile for multi-platform mistakes (pinned FROM --platform, GOARCH literals, "
                + "architecture-specific downloads).")
final class LintCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DOCKERFILE", description = "The Dockerfile to lint.")
    Path dockerfile;

    @Option(names = "--platforms", paramLabel = "LIST", description = "Target platforms, e.g. linux/amd64,linux/arm64.")
    String platforms;

    @Mixin
    ReportOutput output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        List<Platform> targets = platforms == null ? List.of() : Platform.parseList(platforms);
        return output.emit(Gate.lint(dockerfile, targets), spec.commandLine().getOut());
    }
}
