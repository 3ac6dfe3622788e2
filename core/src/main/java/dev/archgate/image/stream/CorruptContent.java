package dev.archgate.image.stream;

import dev.archgate.ArchgateException;

/**
 * Content that does not match what it was asked by, or does not decompress: the stored image is
 * damaged (or tampered with) somewhere between its build and this read.
 */
public final class CorruptContent {
    private CorruptContent() {}

    /** @param what the content, e.g. "layer sha256:... of registry.example.com/app:1" */
    public static ArchgateException of(String what, String why) {
        return new ArchgateException(what + " is corrupt or truncated: " + why + "; push or export the image again",
                ArchgateException.Kind.ENVIRONMENT);
    }
}
