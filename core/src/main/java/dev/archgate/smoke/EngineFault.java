package dev.archgate.smoke;

/**
 * A fault of the engine, not of the image: the message says what archgate was doing when it failed,
 * or, when {@link #whole}, is the user's whole sentence (the problem and its own fix).
 */
final class EngineFault extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean whole;

    EngineFault(String message) {
        this(message, false);
    }

    private EngineFault(String message, boolean whole) {
        super(message);
        this.whole = whole;
    }

    /** A fault whose message is the sentence a user reads, fix included. */
    static EngineFault sentence(String sentence) {
        return new EngineFault(sentence, true);
    }

    boolean whole() {
        return whole;
    }
}
