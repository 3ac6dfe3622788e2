package dev.archgate.image;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What OCI layout directories and archives share: index.json names the images, blobs/sha256/
 * holds everything by digest. Which image of index.json is meant: the one whose ref name
 * annotation matches, or the only one.
 */
abstract class OciLayout implements ImageSource {
    private static final String REF_NAME = "org.opencontainers.image.ref.name";
    private static final String CONTAINERD_NAME = "io.containerd.image.name";

    private final String refName;

    OciLayout(String refName) {
        this.refName = refName;
    }

    /** The bytes of a file of the layout, e.g. "index.json" or "blobs/sha256/ab...". */
    abstract InputStream open(String path) throws IOException;

    abstract String where();

    @Override
    public RawManifest top() throws IOException {
        byte[] indexJson;
        try (InputStream in = open("index.json")) {
            indexJson = in.readAllBytes();
        }
        List<Descriptor> entries = ManifestJson.indexEntries(new RawManifest(MediaTypes.OCI_INDEX, "index.json", indexJson));
        List<Descriptor> chosen = refName == null ? entries : entries.stream().filter(this::named).toList();
        if (chosen.size() != 1) {
            String names = entries.stream().map(e -> e.annotations().getOrDefault(CONTAINERD_NAME, e.annotations().getOrDefault(REF_NAME, e.digest())))
                    .collect(Collectors.joining(", "));
            throw new ImageException(where() + (chosen.isEmpty() ? " holds no image named " + refName : " holds several images")
                    + " (it has: " + names + "): name one of them", ImageException.Kind.USAGE);
        }
        return manifest(chosen.get(0).digest());
    }

    private boolean named(Descriptor d) {
        String ref = d.annotations().getOrDefault(REF_NAME, "");
        String full = d.annotations().getOrDefault(CONTAINERD_NAME, "");
        return refName.equals(ref) || refName.equals(full) || full.endsWith("/" + refName) || d.digest().equals(refName);
    }

    @Override
    public RawManifest manifest(String digest) throws IOException {
        byte[] bytes;
        try (InputStream in = blob(digest)) {
            bytes = in.readAllBytes();
        }
        if (!RegistrySource.sha256(bytes).equals(digest)) {
            throw new ImageException("manifest " + digest + " in " + where() + " does not match its digest: the layout is corrupt; "
                    + "write it again", ImageException.Kind.ENVIRONMENT);
        }
        return new RawManifest(ManifestJson.declaredMediaType(bytes), digest, bytes);
    }

    @Override
    public InputStream blob(String digest) throws IOException {
        if (!digest.matches("sha256:[0-9a-f]{64}")) {
            throw new ImageException("digest '" + digest + "' in " + where() + " is not a sha256 digest", ImageException.Kind.USAGE);
        }
        return open("blobs/sha256/" + digest.substring("sha256:".length()));
    }
}
