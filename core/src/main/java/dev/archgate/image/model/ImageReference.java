package dev.archgate.image.model;

import dev.archgate.ArchgateException;
import java.io.Serializable;
import java.util.regex.Pattern;

/**
 * A reference the way docker spells it: {@code [registry/]repository[:tag][@digest]}, with
 * docker.io and {@code library/} as defaults. The first component is a registry when it holds a
 * dot or a colon or is {@code localhost}.
 */
public record ImageReference(String registry, String repository, String tag, String digest) implements Serializable {
    public static final String DOCKER_HUB = "docker.io";
    private static final Pattern REPOSITORY = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public static ImageReference parse(String text) {
        String rest = text == null ? "" : text.trim();
        if (rest.isEmpty()) {
            throw new ArchgateException("an empty image reference: give one such as registry.example.com/app:1.2.3", ArchgateException.Kind.USAGE);
        }
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw bad(text, "the digest must be sha256: followed by 64 lower-case hex digits");
            }
        }
        String registry = DOCKER_HUB;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                // index.docker.io is Docker Hub's old name; docker treats both as one registry.
                registry = first.equals("index.docker.io") ? DOCKER_HUB : first;
                rest = rest.substring(slash + 1);
            }
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon >= 0) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw bad(text, "a tag is up to 128 letters, digits, '_', '.' and '-'");
            }
        }
        if (!REPOSITORY.matcher(rest).matches()) {
            throw bad(text, "a repository name is lower-case letters, digits and separators, e.g. team/app");
        }
        if (registry.equals(DOCKER_HUB) && !rest.contains("/")) {
            rest = "library/" + rest;
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(registry, rest, tag, digest);
    }

    private static ArchgateException bad(String text, String rule) {
        return new ArchgateException("'" + text + "' is not a valid image reference: " + rule, ArchgateException.Kind.USAGE);
    }

    /** The tag or digest to ask the registry for; a digest wins, since it names exact bytes. */
    public String manifestReference() {
        return digest != null ? digest : tag;
    }

    @Override
    public String toString() {
        return registry + "/" + repository + (tag == null ? "" : ":" + tag) + (digest == null ? "" : "@" + digest);
    }
}
