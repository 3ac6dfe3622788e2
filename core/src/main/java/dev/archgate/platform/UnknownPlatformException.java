package dev.archgate.platform;

import dev.archgate.ArchgateException;

/**
 * A platform string archgate does not know (a usage error); its message is the one sentence a user
 * reads. Its own type so that a reader of a spec key can name the key it came from.
 */
public final class UnknownPlatformException extends ArchgateException {
    private static final long serialVersionUID = 1L;

    public UnknownPlatformException(String text) {
        super("unknown platform '" + text + "': use os/arch[/variant], one of " + Platform.ACCEPTED_FORMS, Kind.USAGE);
    }
}
