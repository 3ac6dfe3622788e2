package dev.archgate.cli;

import dev.archgate.findings.Report;
import dev.archgate.gate.Gate;
import dev.archgate.platform.Platform;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code archgate qemu status|install [LIST]}: emulation per platform, proven by a probe. */
@Command(name = "qemu", mixinStandardHelpOptions = true, subcommands = {QemuCommand.Status.class, QemuCommand.Install.class},
        description = "Show or install QEMU user emulation (binfmt_misc handlers), each platform proven by running a probe program.")
final class QemuCommand {
    static final String DEFAULT = "linux/amd64,linux/arm64,linux/arm/v7,linux/s390x,linux/ppc64le,linux/riscv64";

    /** What both subcommands share: the platforms, the output, and the report they emit. */
    abstract static class Subcommand implements Callable<Integer> {
        @Parameters(arity = "0..1", paramLabel = "LIST", description = "Platforms (default: " + DEFAULT + ").")
        String platforms = DEFAULT;

        @Mixin
        ReportOutput output;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws InterruptedException {
            PrintWriter out = spec.commandLine().getOut();
            return output.emit(report(Platform.parseList(platforms), out), out);
        }

        abstract Report report(List<Platform> list, PrintWriter out) throws InterruptedException;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, description = "Which platforms' code runs here; exit 3 when one does not.")
    static final class Status extends Subcommand {
        @Override
        Report report(List<Platform> list, PrintWriter out) throws InterruptedException {
            return CliHost.with(host -> Gate.qemuStatus(host, list));
        }
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            description = "Register or enable the handlers (with the F flag) from the host's qemu-user-static, then probe each.")
    static final class Install extends Subcommand {
        @Option(names = "--through-engine", description = "Register through a privileged container on the Docker Engine (for an "
                + "archgate that runs beside the engine); without it, only when direct registration is not allowed.")
        boolean throughEngine;

        @Override
        Report report(List<Platform> list, PrintWriter out) throws InterruptedException {
            return CliHost.with(host -> Gate.qemuInstall(host, list, throughEngine, out::println));
        }
    }
}
