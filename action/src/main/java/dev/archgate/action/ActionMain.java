package dev.archgate.action;

import dev.archgate.gate.ExitStatus;
import dev.archgate.host.Host;
import dev.archgate.report.ArchgateVersion;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;

/**
 * The action image's entry point. Without arguments (as the runner starts a container action) it is
 * one step of a workflow, configured by the runner's {@code INPUT_*} and {@code GITHUB_*}
 * environment. With {@code --version} alone it prints the version (the release gate's smoke test).
 * With other arguments the image is the archgate command line ({@code docker run IMAGE gate ...}).
 */
public final class ActionMain {
    /**
     * The CLI is on the image's class path, not the action's compile path: adapters do not depend on
     * each other, so it is started by name.
     */
    private static final String CLI = "dev.archgate.cli.Archgate";

    private ActionMain() {}

    public static void main(String[] args) throws InterruptedException {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("archgate-action " + ArchgateVersion.current());
            out.flush();
            return;
        }
        if (args.length > 0) {
            commandLine(args);
            return;
        }
        int status;
        try (Host host = Host.of(System.getenv())) {
            // The process's one hook: on SIGTERM (the runner cancelling the job) the run's smoke containers go.
            Runtime.getRuntime().addShutdownHook(new Thread(host::stop, "archgate-cleanup"));
            status = new ActionRun(host, System.getenv(), out).run();
        }
        out.flush();
        System.exit(status);
    }

    private static void commandLine(String[] args) {
        try {
            Class.forName(CLI).getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (ClassNotFoundException | NoSuchMethodException | IllegalAccessException e) {
            System.err.println("archgate: this image holds no archgate command line; run it without arguments, as a workflow step");
            System.exit(ExitStatus.ENVIRONMENT);
        } catch (InvocationTargetException e) {
            // The CLI reports its own errors and exits; what escapes it is a defect, shown whole.
            throw new IllegalStateException(e.getCause());
        }
    }
}
