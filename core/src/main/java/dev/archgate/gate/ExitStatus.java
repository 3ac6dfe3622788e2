package dev.archgate.gate;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Verdict;

/**
 * The exit statuses of the contract every adapter shares: 0 pass, 1 the gate failed, 2 bad usage
 * or spec, 3 the environment could not check. One mapping, so the CLI, the GitHub Action and the
 * Jenkins plugin cannot disagree on what a verdict or an exception means.
 */
public final class ExitStatus {
    public static final int PASS = 0;
    public static final int FAIL = 1;
    public static final int USAGE = 2;
    public static final int ENVIRONMENT = 3;

    private ExitStatus() {}

    public static int of(Verdict verdict) {
        return switch (verdict) {
            case PASS -> PASS;
            case FAIL -> FAIL;
            case ERROR -> ENVIRONMENT;
        };
    }

    /**
     * The status of a run that stopped with {@code t}. Whatever is not a user's mistake means the
     * image was not checked: never a pass, never "the image failed", so the environment status.
     */
    public static int of(Throwable t) {
        return t instanceof ArchgateException a ? of(a.kind()) : ENVIRONMENT;
    }

    public static int of(ArchgateException.Kind kind) {
        return switch (kind) {
            case USAGE -> USAGE;
            case ENVIRONMENT -> ENVIRONMENT;
        };
    }
}
