package dev.archgate.image.model;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Content digests as the OCI image spec writes them: {@code sha256:<64 hex>} or {@code sha512:<128 hex>}. */
public final class Digests {
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}|sha512:[0-9a-f]{128}");

    private Digests() {}

    public static boolean isDigest(String s) {
        return s != null && DIGEST.matcher(s).matches();
    }

    /** A fresh hasher for the algorithm {@code digest} names (one of {@link #isDigest}'s). */
    public static MessageDigest hasher(String digest) {
        try {
            return MessageDigest.getInstance(digest.startsWith("sha512:") ? "SHA-512" : "SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256 and SHA-512", e);
        }
    }

    /** The digest a hasher made, spelled like {@code expected} ("sha256:..." or "sha512:..."). */
    public static String spell(String expected, MessageDigest hasher) {
        return expected.substring(0, expected.indexOf(':') + 1) + HexFormat.of().formatHex(hasher.digest());
    }

    public static String sha256(byte[] bytes) {
        MessageDigest h = hasher("sha256:");
        h.update(bytes);
        return spell("sha256:", h);
    }
}
