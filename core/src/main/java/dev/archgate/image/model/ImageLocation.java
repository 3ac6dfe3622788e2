package dev.archgate.image.model;

import dev.archgate.ArchgateException;
import java.nio.file.Path;

/**
 * Where an image is, parsed once from what a user wrote, with skopeo's transport prefixes as the README and
 * {@code archgate audit --help} list them: {@code docker-daemon:NAME} (the local engine), {@code oci:DIR[:REF]}
 * and {@code oci-archive:FILE[:REF]} (what {@code buildx --output type=oci} writes), anything else a registry
 * reference. Every stage takes this value; none looks at the prefix again.
 *
 * @param given what the user wrote, said back in messages and reports as written
 * @param reference the registry reference, for {@link Kind#REGISTRY} only
 * @param path the layout's directory or the archive, for the OCI kinds only
 * @param name the engine's image name ({@link Kind#ENGINE}) or the OCI ref name (null when none was given)
 */
public record ImageLocation(Kind kind, String given, ImageReference reference, Path path, String name) {
    /** The transport of a location: which source reads it. */
    public enum Kind {
        REGISTRY(""), ENGINE("docker-daemon:"), OCI_LAYOUT("oci:"), OCI_ARCHIVE("oci-archive:");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }
    }

    /** @throws ArchgateException (usage) naming the location and the form it should have */
    public static ImageLocation parse(String given) {
        String text = given == null ? "" : given;
        if (text.startsWith(Kind.OCI_ARCHIVE.prefix)) {
            return local(Kind.OCI_ARCHIVE, text, "oci-archive:FILE[:REF]");
        }
        if (text.startsWith(Kind.OCI_LAYOUT.prefix)) {
            return local(Kind.OCI_LAYOUT, text, "oci:DIR[:REF] (oci:. for this directory)");
        }
        if (text.startsWith(Kind.ENGINE.prefix)) {
            String name = text.substring(Kind.ENGINE.prefix.length());
            if (name.isEmpty()) {
                throw refused(text, "docker-daemon:NAME, the name of an image the local Docker Engine holds");
            }
            return new ImageLocation(Kind.ENGINE, text, null, null, name);
        }
        return new ImageLocation(Kind.REGISTRY, text, ImageReference.parse(text), null, null);
    }

    /** {@code DIR[:REF]}: the last colon splits off a ref name unless it is the first character (so a path holds no colon then). */
    private static ImageLocation local(Kind kind, String text, String form) {
        String rest = text.substring(kind.prefix.length());
        int colon = rest.lastIndexOf(':');
        String place = colon > 0 ? rest.substring(0, colon) : rest;
        if (place.isEmpty()) {
            throw refused(text, form + ", as buildx --output type=oci writes it");
        }
        return new ImageLocation(kind, text, null, Path.of(place), colon > 0 ? rest.substring(colon + 1) : null);
    }

    private static ArchgateException refused(String text, String form) {
        return ArchgateException.usage("'" + text + "' names no image: write " + form);
    }

    /** Whether containers can run it (smoke tests): an engine can pull from a registry or run its own image, not read an OCI layout. */
    public boolean runsAsContainer() {
        return kind == Kind.REGISTRY || kind == Kind.ENGINE;
    }

    /**
     * What the engine should run: a registry image by {@code digest} (so every platform runs the bytes the audit
     * read), written as given but for its tag; an engine image by its name.
     */
    public String pinned(String digest) {
        if (kind == Kind.ENGINE) {
            return name;
        }
        String repository = given.contains("@") ? given.substring(0, given.indexOf('@')) : given;
        int slash = repository.lastIndexOf('/');
        int colon = repository.lastIndexOf(':');
        if (colon > slash) {
            repository = repository.substring(0, colon);
        }
        return repository + "@" + digest;
    }

    @Override
    public String toString() {
        return given;
    }
}
