package dev.archgate.platform;

/** A platform string archgate does not know; its message is the one sentence a user reads. */
public final class UnknownPlatformException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public UnknownPlatformException(String text) {
        super("unknown platform '" + text + "': use os/arch[/variant], one of " + Platform.ACCEPTED_FORMS);
    }
}
