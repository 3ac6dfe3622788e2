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

    /**
     * Content that does not match what it was asked by, or does not decompress: the stored image
     * is damaged (or tampered with) somewhere between its build and this read.
     *
     * @param what the content, e.g. "layer sha256:... of registry.example.com/app:1"
     */
    static ImageException corrupt(String what, String why) {
        return new ImageException(what + " is corrupt or truncated: " + why + "; push or export the image again", Kind.ENVIRONMENT);
    }

    public Kind kind() {
        return kind;
    }
}
