package dev.archgate.image.store;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.ArchgateException;
import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.Digests;
import dev.archgate.image.model.ImageReference;
import dev.archgate.image.model.ManifestJson;
import dev.archgate.image.model.MediaTypes;
import dev.archgate.image.model.RawManifest;
import dev.archgate.image.stream.VerifyingInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Set;

/**
 * An image's content, every byte of it checked: each manifest, index, config and layer read
 * through here is hashed against the digest it was asked by, and held to the size its
 * descriptor gives. Stores ({@link ContentStore}: registry, engine, OCI layout, OCI archive) only
 * serve bytes; this is the one place that trusts them, and the only way out of this package to a
 * store, so no source can skip it. A mismatch is an environment error (the stored image is
 * damaged) naming the content, the image, the expected and the found digest. Every method may be
 * called from several threads at once.
 */
public final class ImageSource implements Closeable {
    /**
     * The largest manifest or index read: the registry's own limit (distribution refuses larger
     * manifests), so that a hostile store cannot fill the heap with one.
     */
    public static final int MAX_MANIFEST = 4 << 20;
    /** The largest image config read; real ones are kilobytes (their history included). */
    static final int MAX_CONFIG = 8 << 20;

    private final ContentStore store;

    public ImageSource(ContentStore store) {
        this.store = store;
    }

    /**
     * An image in a registry.
     *
     * @param insecureRegistries registries (host[:port]) to reach over plain http
     * @param dockerConfig the docker client's config.json, whose logins and credential helpers are used
     */
    public static ImageSource registry(ImageReference reference, Set<String> insecureRegistries, Path dockerConfig) {
        return new ImageSource(new RegistrySource(reference, insecureRegistries, dockerConfig));
    }

    /** An OCI image layout directory; @param refName which image of index.json, null when it holds one */
    public static ImageSource ociLayout(Path dir, String refName) {
        return new ImageSource(new OciLayoutSource(dir, refName));
    }

    /** An OCI layout in a tar file; @param refName which image of index.json, null when it holds one */
    public static ImageSource ociArchive(Path archive, String refName) throws IOException {
        return new ImageSource(new OciArchiveSource(archive, refName));
    }

    /** An image in the local Docker Engine, as the user named it (a name, name:tag, name@digest or ID). */
    public static ImageSource engine(DockerClient docker, String given) throws IOException {
        return new ImageSource(new EngineSource(docker, given));
    }

    /** What a person calls this image, for reports (e.g. the reference as given). */
    public String name() {
        return store.name();
    }

    /** The index or manifest the image's name points at, checked against the digest the store gives for it. */
    public RawManifest top() throws IOException {
        ContentStore.Served served = store.top();
        if (served.digest() == null) {
            // A registry that names no digest for a tag: the bytes are what the tag means.
            byte[] bytes = bounded(served.body(), "manifest of " + name(), MAX_MANIFEST);
            return new RawManifest(mediaType(served, bytes), Digests.sha256(bytes), bytes);
        }
        return manifest(served, served.digest(), served.size());
    }

    /** A manifest an index entry names, checked against the entry's digest and size. */
    public RawManifest manifest(Descriptor entry) throws IOException {
        return manifest(store.manifest(requireDigest(entry, "manifest")), entry.digest(), entry.size());
    }

    private RawManifest manifest(ContentStore.Served served, String digest, long size) throws IOException {
        String what = (MediaTypes.INDEXES.contains(served.mediaType()) ? "index " : "manifest ") + digest + " of " + name();
        if (!Digests.isDigest(digest)) {
            served.body().close();
            throw notADigest(what, digest);
        }
        byte[] bytes = bounded(new VerifyingInputStream(served.body(), what, digest, size), what, MAX_MANIFEST);
        return new RawManifest(mediaType(served, bytes), digest, bytes);
    }

    /** A config blob, whole and checked. */
    public byte[] config(Descriptor config) throws IOException {
        return bounded(blob(config, "config"), "config " + config.digest() + " of " + name(), MAX_CONFIG);
    }

    /**
     * A layer blob as stored (still compressed), checked as it is read: the bytes are trusted
     * only once the stream has ended without an error, so the caller reads it to its end.
     */
    public InputStream layer(Descriptor layer) throws IOException {
        return blob(layer, "layer");
    }

    /** How a layer is named in messages. */
    public String describe(Descriptor layer) {
        return "layer " + layer.digest() + " of " + name();
    }

    private InputStream blob(Descriptor d, String kind) throws IOException {
        String what = kind + " " + requireDigest(d, kind).digest() + " of " + name();
        return new VerifyingInputStream(store.blob(d), what, d.digest(), d.size());
    }

    private Descriptor requireDigest(Descriptor d, String kind) {
        // Checked before any store sees it: stores make file names of digests.
        if (!Digests.isDigest(d.digest())) {
            throw notADigest(kind + " of " + name(), d.digest());
        }
        return d;
    }

    private static ArchgateException notADigest(String what, String digest) {
        return new ArchgateException(what + " is named by '" + digest + "', which is not a sha256 or sha512 digest: the image is corrupt; "
                + "push or export it again", ArchgateException.Kind.ENVIRONMENT);
    }

    private static String mediaType(ContentStore.Served served, byte[] bytes) {
        String type = served.mediaType();
        return MediaTypes.INDEXES.contains(type) || MediaTypes.MANIFESTS.contains(type) ? type : ManifestJson.declaredMediaType(bytes);
    }

    /** Reads a whole small blob, refusing one larger than {@code limit} before it fills the heap. */
    private static byte[] bounded(InputStream in, String what, int limit) throws IOException {
        try (in) {
            byte[] bytes = in.readNBytes(limit + 1);
            if (bytes.length > limit) {
                throw new ArchgateException(what + " is larger than " + limit + " bytes, far more than any real one: the image is corrupt "
                        + "or hostile", ArchgateException.Kind.ENVIRONMENT);
            }
            return bytes;
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
