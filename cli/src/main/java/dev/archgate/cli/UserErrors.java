package dev.archgate.cli;

import dev.archgate.ArchgateException;
import dev.archgate.gate.ExitStatus;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions that reach the top into one sentence and an exit status of the contract. A
 * user mistake never shows a stack trace; an archgate bug does, since that is what a report needs.
 */
final class UserErrors {
    private UserErrors() {}

    static int handle(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (ex instanceof ArchgateException) {
            err.println("archgate: " + ex.getMessage());
        } else {
            err.println("archgate: internal error, please report it with this trace:");
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitStatus.of(ex);
    }
}
