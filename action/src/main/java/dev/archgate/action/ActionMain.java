package dev.archgate.action;

import dev.archgate.report.ArchgateVersion;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

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
            out.println("archgate-action " + ArchgateVersion.current());
            out.flush();
            return;
        }
        if (args.length > 0) {
            out.println("::error title=archgate::the action takes its settings from the step's with: inputs, not arguments; "
                    + "only --version is accepted");
            out.flush();
            System.exit(dev.archgate.gate.ExitStatus.USAGE);
        }
        int status = new ActionRun(System.getenv(), out).run();
        out.flush();
        System.exit(status);
    }
}
