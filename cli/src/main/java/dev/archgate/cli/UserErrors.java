package dev.archgate.cli;

import dev.archgate.gate.ExitStatus;
import dev.archgate.gate.GateException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns exceptions that reach the top into one sentence and an exit status of the contract. A
 * user mistake never shows a stack trace; an archgate bug does, since that is what a report needs.
 */
final class UserErrors {
    private UserErrors() {}

    static int exitStatus(Throwable t) {
        return t instanceof UsageException ? ExitStatus.USAGE : ExitStatus.of(t);
    }

    static int handle(Exception ex, CommandLine cl, ParseResult parsed) {
        PrintWriter err = cl.getErr();
        if (exitStatus(ex) == ArchgateCommand.EXIT_USAGE || ex instanceof GateException) {
            err.println("archgate: " + ex.getMessage());
        } else {
            err.println("archgate: internal error, please report it with this trace:");
            ex.printStackTrace(err);
        }
        err.flush();
        return exitStatus(ex);
    }

    /** Bad usage or spec (exit 2); the message names the problem and the fix. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
