package dev.archgate.cli;

import dev.archgate.gate.ExitStatus;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code archgate} command; each subcommand is a thin layer over the engine. */
@Command(
        name = "archgate",
        mixinStandardHelpOptions = true,
        versionProvider = ArchgateCommand.Version.class,
        description = "Release gate for multi-platform container images.",
        subcommands = {CommandLine.HelpCommand.class, GateCommand.class, AuditCommand.class, SmokeCommand.class, LintCommand.class,
            QemuCommand.class, MergeCommand.class})
public final class ArchgateCommand {

    /** Exit statuses of the contract shared by every adapter. */
    public static final int EXIT_PASS = ExitStatus.PASS;
    public static final int EXIT_FAIL = ExitStatus.FAIL;
    public static final int EXIT_USAGE = ExitStatus.USAGE;
    public static final int EXIT_ENVIRONMENT = ExitStatus.ENVIRONMENT;

    public static void main(String[] args) {
        System.exit(newCommandLine().execute(args));
    }

    /** The command line with archgate's exit statuses for usage errors and unexpected failures. */
    public static CommandLine newCommandLine() {
        CommandLine cl = new CommandLine(new ArchgateCommand());
        cl.setExitCodeExceptionMapper(UserErrors::exitStatus);
        cl.setExecutionExceptionHandler(UserErrors::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("archgate: " + ex.getMessage()
                    + " (see 'archgate " + ex.getCommandLine().getCommandName() + " --help')");
            return EXIT_USAGE;
        });
        return cl;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ArchgateCommand.class.getPackage().getImplementationVersion();
            return new String[] {"archgate " + (v == null ? "development build" : v)};
        }
    }
}
