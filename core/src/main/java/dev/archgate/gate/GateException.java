package dev.archgate.gate;

/**
 * A run that could not start or finish, with the one sentence a user reads and the exit status
 * class of the contract: usage (2) or environment (3).
 */
public final class GateException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind { USAGE, ENVIRONMENT }

    private final Kind kind;

    public GateException(String message, Kind kind, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
