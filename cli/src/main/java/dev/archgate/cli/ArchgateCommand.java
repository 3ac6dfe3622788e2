package dev.archgate.cli;

import dev.archgate.gate.ExitStatus;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code archgate} command; each subcommand is a thin layer over the engine. */
@Command(
        name = "archgate",
        mixinStandardHelpOptions = true,
        versionProvider = ArchgateCommand.Version.class,
        description = "Release gate for multi-platform container images.")
public final class ArchgateCommand {
    /** Exit statuses of the contract shared by every adapter. */
    public static final int EXIT_PASS = ExitStatus.PASS;
    public static final int EXIT_FAIL = ExitStatus.FAIL;
    public static final int EXIT_USAGE = ExitStatus.USAGE;
    public static final int EXIT_ENVIRONMENT = ExitStatus.ENVIRONMENT;

    /** Runs the command line, picocli parsing every argument ({@link Archgate#main} answers the version and help before it). */
    public static void main(String[] args) {
        System.exit(newCommandLine(args.length > 0 ? args[0] : "").execute(args));
    }

    /** The command line with every subcommand and archgate's exit statuses for usage errors and unexpected failures. */
    public static CommandLine newCommandLine() {
        return newCommandLine("");
    }

    /**
     * The command line for arguments that start with {@code first}: only that subcommand when it
     * names one (other than help, which describes them all), none for the version, else all of them.
     */
    static CommandLine newCommandLine(String first) {
        CommandLine cl = new CommandLine(new ArchgateCommand());
        boolean one = Subcommands.ALL.containsKey(first) && !first.equals("help");
        boolean none = first.equals("-V") || first.equals("--version");
        Subcommands.ALL.forEach((name, command) -> {
            if (!none && (!one || name.equals(first))) {
                cl.addSubcommand(name, command.get());
            }
        });
        cl.setExitCodeExceptionMapper(ExitStatus::of);
        cl.setExecutionExceptionHandler(UserErrors::handle);
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("archgate: " + ex.getMessage()
                    + " (see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help')");
            return EXIT_USAGE;
        });
        return cl;
    }

    /**
     * The subcommands in help order. Registered here rather than in the annotation so that a run
     * builds picocli's model (annotation reflection, the larger part of a short run's start-up)
     * only of the subcommand it runs. A class of its own, so that a run CachedUsage answers
     * loads no command class.
     */
    private static final class Subcommands {
        static final Map<String, Supplier<Object>> ALL = subcommands();

        private Subcommands() {}
    }

    private static Map<String, Supplier<Object>> subcommands() {
        Map<String, Supplier<Object>> all = new LinkedHashMap<>();
        all.put("help", CommandLine.HelpCommand::new);
        all.put("gate", GateCommand::new);
        all.put("audit", AuditCommand::new);
        all.put("smoke", SmokeCommand::new);
        all.put("lint", LintCommand::new);
        all.put("qemu", QemuCommand::new);
        all.put("merge", MergeCommand::new);
        all.put("init", InitCommand::new);
        return Collections.unmodifiableMap(all);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {CachedUsage.versionLine()};
        }
    }
}
