package dev.archgate.image.store;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketException;

/** A fault of a connection (to a registry, to the engine) in words, never a Java class name. */
public final class TransportFaults {
    private TransportFaults() {}

    /** Its message's first line, or what its kind means when it has none (the JDK's connection errors often have none). */
    public static String describe(Throwable t) {
        String message = t.getMessage();
        if (message != null && !message.isBlank()) {
            return message.lines().findFirst().orElse(message).strip();
        }
        if (t instanceof ConnectException) {
            return "connection refused";
        }
        if (t instanceof InterruptedIOException) {
            return "timed out";
        }
        if (t instanceof SocketException) {
            return "connection broken";
        }
        return "no further detail";
    }
}
