package dev.archgate.image.model;

import java.io.Serializable;
import java.util.Map;

/**
 * A content descriptor: a blob's media type, digest and size. Index entries also carry the
 * platform label (os, architecture, variant; empty strings when absent) and annotations.
 */
public record Descriptor(String mediaType, String digest, long size, String os, String architecture, String variant,
                         Map<String, String> annotations) implements Serializable {
    public Descriptor {
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
        annotations = Map.copyOf(annotations);
    }

    /**
     * BuildKit's attestation manifests (provenance, SBOM) sit in the index as unknown/unknown with
     * a reference-type annotation; they are not a platform and are never checked as one.
     */
    public boolean isAttestation() {
        return "attestation-manifest".equals(annotations.get("vnd.docker.reference.type"))
                || ("unknown".equals(os) && "unknown".equals(architecture));
    }

    public String label() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
