package dev.archgate.image.store;

import dev.archgate.ArchgateException;
import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.Digests;
import dev.archgate.image.model.ManifestJson;
import dev.archgate.image.model.MediaTypes;
import dev.archgate.image.model.RawManifest;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What OCI layout directories and archives share: index.json names the images, blobs/sha256/
 * holds everything by digest. Which image of index.json is meant: the one whose ref name
 * annotation matches, or the only one.
 */
abstract class OciLayout implements ContentStore {
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
    public Served top() throws IOException {
        byte[] indexJson;
        try (InputStream in = open("index.json")) {
            // index.json is the layout's root: nothing names its digest, but it is bounded like any manifest.
            indexJson = in.readNBytes(ImageSource.MAX_MANIFEST + 1);
        }
        if (indexJson.length > ImageSource.MAX_MANIFEST) {
            throw new ArchgateException("index.json of " + where() + " is larger than " + ImageSource.MAX_MANIFEST + " bytes: the layout is "
                    + "corrupt or hostile", ArchgateException.Kind.ENVIRONMENT);
        }
        List<Descriptor> entries = ManifestJson.indexEntries(new RawManifest(MediaTypes.OCI_INDEX, "index.json", indexJson));
        List<Descriptor> chosen = refName == null ? entries : entries.stream().filter(this::named).toList();
        if (chosen.size() != 1) {
            String names = entries.stream().map(e -> e.annotations().getOrDefault(CONTAINERD_NAME, e.annotations().getOrDefault(REF_NAME, e.digest())))
                    .collect(Collectors.joining(", "));
            throw new ArchgateException(where() + (chosen.isEmpty() ? " holds no image named " + refName : " holds several images")
                    + " (it has: " + names + "): name one of them", ArchgateException.Kind.USAGE);
        }
        Descriptor d = chosen.get(0);
        return new Served(d.digest(), d.size(), d.mediaType(), blob(d));
    }

    private boolean named(Descriptor d) {
        String ref = d.annotations().getOrDefault(REF_NAME, "");
        String full = d.annotations().getOrDefault(CONTAINERD_NAME, "");
        return refName.equals(ref) || refName.equals(full) || full.endsWith("/" + refName) || d.digest().equals(refName);
    }

    @Override
    public Served manifest(Descriptor manifest) throws IOException {
        return new Served(manifest.digest(), manifest.size(), manifest.mediaType(), blob(manifest));
    }

    /** blobs/ALGORITHM/HEX, as the layout spec stores them. */
    @Override
    public InputStream blob(Descriptor blob) throws IOException {
        String digest = blob.digest();
        if (!Digests.isDigest(digest)) {
            // Checked here as well as in ImageSource: top() opens index.json's entry itself, and a digest becomes a file name.
            throw new ArchgateException("index.json of " + where() + " names '" + digest + "', which is not a sha256 or sha512 digest: "
                    + "the layout is corrupt", ArchgateException.Kind.ENVIRONMENT);
        }
        return open("blobs/" + digest.replace(':', '/'));
    }
}
