package dev.archgate.spec;

/** A gate spec that cannot be used; the message names the key, the bad value and what is allowed. */
public final class SpecException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public SpecException(String message) {
        super(message);
    }
}
