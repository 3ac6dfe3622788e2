package dev.archgate;

/**
 * A run that could not start or finish: the one exception every package throws and every adapter
 * catches, with the one sentence a user reads (the problem and the fix) and its kind, which is the
 * exit status of the contract ({@code gate.ExitStatus}: usage 2, environment 3). One type, so an
 * adapter cannot miss one, and no layer has to translate another's exception into its own.
 */
public class ArchgateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Who must act. */
    public enum Kind {
        /** The user's input is wrong: a bad spec, flag, reference or platform, an image that does not exist, refused credentials. */
        USAGE,
        /** The environment could not answer: an engine, builder or registry unreachable, a corrupt download; the image was not checked. */
        ENVIRONMENT
    }

    private final Kind kind;

    public ArchgateException(String message, Kind kind) {
        super(message);
        this.kind = kind;
    }

    public ArchgateException(String message, Kind kind, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** Bad input or spec: the message names the key or flag, the bad value and what is allowed. */
    public static ArchgateException usage(String message) {
        return new ArchgateException(message, Kind.USAGE);
    }

    public Kind kind() {
        return kind;
    }
}
