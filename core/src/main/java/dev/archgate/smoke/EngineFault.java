package dev.archgate.smoke;

/** A fault of the engine, not of the image: the sentence says what archgate was doing when it failed. */
final class EngineFault extends Exception {
    private static final long serialVersionUID = 1L;

    EngineFault(String message) {
        super(message);
    }
}
