package dev.archgate.action;

import dev.archgate.host.Host;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The action image's entry point. With {@code --version} it prints the version (the release
 * gate's smoke test); otherwise it is one step of a workflow, configured by the runner's
 * {@code INPUT_*} and {@code GITHUB_*} environment.
 */
public final class ActionMain {
    private ActionMain() {}

    public static void main(String[] args) throws InterruptedException {
        PrintWriter out = new PrintWriter(System.out, false, StandardCharsets.UTF_8);
        if (args.length == 1 && args[0].equals("--version")) {
            out.println("archgate-action " + version());
            out.flush();
            return;
        }
        if (args.length > 0) {
            out.println("::error title=archgate::the action takes its settings from the step's with: inputs, not arguments; "
                    + "only --version is accepted");
            out.flush();
            System.exit(dev.archgate.gate.ExitStatus.USAGE);
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

    static String version() {
        try (InputStream in = ActionMain.class.getResourceAsStream("version.properties")) {
            Properties p = new Properties();
            if (in != null) {
                p.load(in);
            }
            return p.getProperty("version", "development build");
        } catch (IOException e) {
            return "development build";
        }
    }
}
