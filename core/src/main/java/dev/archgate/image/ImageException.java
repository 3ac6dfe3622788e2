package dev.archgate.image;

/**
 * An image that could not be read, with one sentence that names the problem and the fix. The
 * kind tells the adapter which exit status of the contract it means.
 */
public final class ImageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public enum Kind {
        /** The user's input is wrong: a bad reference, an image or platform that does not exist, refused credentials. */
        USAGE,
        /** The environment could not answer: registry or engine unreachable, a corrupt download. */
        ENVIRONMENT
    }

    private final Kind kind;

    public ImageException(String message, Kind kind) {
        super(message);
        this.kind = kind;
    }

    public ImageException(String message, Kind kind, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
