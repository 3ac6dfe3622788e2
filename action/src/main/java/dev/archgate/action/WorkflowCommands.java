package dev.archgate.action;

import java.io.PrintWriter;

/**
 * GitHub's workflow commands on standard output: {@code ::add-mask::}, {@code ::group::},
 * {@code ::stop-commands::}. Values
 * are escaped as the runner unescapes them, so a newline cannot end a command early.
 */
final class WorkflowCommands {
    private WorkflowCommands() {}

    /**
     * Tells the runner to replace {@code secret} with *** in every later log line. Each line of
     * a multi-line secret is masked on its own, since the runner masks line by line.
     */
    static void mask(PrintWriter out, String secret) {
        if (secret == null || secret.isBlank()) {
            return;
        }
        out.println("::add-mask::" + escape(secret));
        secret.lines().filter(l -> !l.isBlank() && !l.equals(secret)).forEach(l -> out.println("::add-mask::" + escape(l)));
        out.flush();
    }

    static String group(String title) {
        return "::group::" + escape(title);
    }

    static String endGroup() {
        return "::endgroup::";
    }

    /**
     * Stops the runner from reading workflow commands until {@link #resumeCommands} with the
     * returned token: a random one, so nothing the build prints can resume them early.
     */
    static String stopCommands(PrintWriter out) {
        String token = "archgate-" + java.util.UUID.randomUUID();
        out.println("::stop-commands::" + token);
        return token;
    }

    static String resumeCommands(String token) {
        return "::" + token + "::";
    }

    static String escape(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }
}
