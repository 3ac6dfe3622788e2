package dev.archgate.image;

import dev.archgate.ArchgateException;
import dev.archgate.image.fs.LayerChange;
import dev.archgate.image.fs.LayerReader;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.model.Descriptor;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.image.model.ImageManifest;
import dev.archgate.image.model.ManifestJson;
import dev.archgate.image.model.MediaTypes;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.image.model.RawManifest;
import dev.archgate.image.model.ResolvedImage;
import dev.archgate.image.store.ImageSource;
import dev.archgate.image.stream.GzipInflater;
import dev.archgate.image.stream.LayerStreams;
import dev.archgate.image.stream.NonClosingInputStream;
import dev.archgate.image.stream.ReadLimits;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.function.LongFunction;

/** Resolves an image for platforms, and loads a variant's merged filesystem. */
public final class ImageResolver {
    private ImageResolver() {}

    public static ResolvedImage resolve(ImageSource source, List<Platform> platforms) throws IOException {
        RawManifest top = source.top();
        List<Descriptor> entries = new ArrayList<>();
        Map<String, ImageManifest> singles = new LinkedHashMap<>();
        if (top.isIndex()) {
            ManifestJson.indexEntries(top).stream().filter(d -> !d.isAttestation()).forEach(entries::add);
        } else {
            // A single-platform image: its config says which platform it is.
            ImageManifest m = ManifestJson.manifest(top);
            ImageConfig c = config(source, m);
            entries.add(new Descriptor(top.mediaType(), top.digest(), top.bytes().length, c.os(), c.architecture(), c.variant(), Map.of()));
            singles.put(top.digest(), m);
        }
        Map<Platform, Optional<PlatformImage>> variants = new LinkedHashMap<>();
        for (Platform p : platforms) {
            Optional<Descriptor> entry = choose(entries, p);
            if (entry.isEmpty()) {
                variants.put(p, Optional.empty());
                continue;
            }
            Descriptor d = entry.get();
            ImageManifest m = singles.containsKey(d.digest()) ? singles.get(d.digest()) : ManifestJson.manifest(source.manifest(d));
            variants.put(p, Optional.of(new PlatformImage(p, d, m, config(source, m))));
        }
        return new ResolvedImage(source.name(), top.digest(), top.isIndex(), entries.stream().map(Descriptor::label).toList(), variants);
    }

    /** The entry for a platform: an exact variant match first, else one whose label has no variant. */
    private static Optional<Descriptor> choose(List<Descriptor> entries, Platform p) {
        Optional<Descriptor> exact = entries.stream()
                .filter(d -> p.matchesLabel(d.os(), d.architecture(), d.variant()) && !d.variant().isEmpty()).findFirst();
        return exact.isPresent() ? exact : entries.stream().filter(d -> p.matchesLabel(d.os(), d.architecture(), d.variant())).findFirst();
    }

    private static ImageConfig config(ImageSource source, ImageManifest m) throws IOException {
        String type = m.config().mediaType();
        if (!type.isEmpty() && !MediaTypes.CONFIGS.contains(type)) {
            // An OCI artifact (a Helm chart, a signature) shares the manifest format but runs nowhere.
            throw new ArchgateException(source.name() + " is not a container image (its manifest " + m.digest() + " has a config of type "
                    + type + "): name a container image", ArchgateException.Kind.USAGE);
        }
        return ManifestJson.config(source.config(m.config()), m.config().digest());
    }

    /**
     * Streams every layer of a variant once, on {@code pool} in parallel (layers decompress
     * independently; merging, which is cheap, then runs in order).
     */
    public static MergedFilesystem filesystem(ImageSource source, PlatformImage image, ExecutorService pool, GzipInflater.Choice inflaters)
            throws IOException {
        return filesystem(source, image, pool, inflaters::forLayer);
    }

    /** The same, with every gzip layer decompressed by {@code inflater}. */
    public static MergedFilesystem filesystem(ImageSource source, PlatformImage image, ExecutorService pool, GzipInflater inflater)
            throws IOException {
        return filesystem(source, image, pool, size -> inflater);
    }

    private static MergedFilesystem filesystem(ImageSource source, PlatformImage image, ExecutorService pool,
            LongFunction<GzipInflater> inflaterFor) throws IOException {
        List<Future<List<LayerChange>>> reads = new ArrayList<>();
        ReadLimits limit = ReadLimits.perImage();
        for (Descriptor layer : image.manifest().layers()) {
            GzipInflater inflater = inflaterFor.apply(layer.size());
            reads.add(pool.submit(() -> readLayer(source, layer, limit, inflater)));
        }
        List<List<LayerChange>> layers = new ArrayList<>();
        try {
            for (Future<List<LayerChange>> f : reads) {
                layers.add(f.get());
            }
        } catch (InterruptedException e) {
            reads.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while reading layers of " + source.name());
        } catch (ExecutionException e) {
            reads.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof ArchgateException ie) {
                throw ie;
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof OutOfMemoryError) {
                // The heap was shared with other platforms, or one tar header (a PAX record, a GNU long
                // name, which the tar reader holds whole) was huge; this read's lists are garbage now.
                throw new ArchgateException(ReadLimits.outOfMemory(source.name()), ArchgateException.Kind.ENVIRONMENT);
            }
            throw new IllegalStateException(e.getCause());
        }
        return MergedFilesystem.merge(layers);
    }

    public static List<LayerChange> readLayer(ImageSource source, Descriptor layer, ReadLimits limit, GzipInflater inflater) throws IOException {
        ReadLimits attempt = limit.attempt();
        try {
            return readOnce(source, layer, attempt, inflater);
        } catch (ChildReadFailed e) {
            // A child inflater's output is trusted only from a clean read (whole blob verified, exit
            // status 0). Anything else, a corrupt or truncated blob, a member or trailer one tool
            // refuses and another ignores, a bomb, is decided by the JDK's reader from the start, so
            // both paths give the same findings and the same sentence; only a broken layer is read twice.
            attempt.undo();
            return readOnce(source, layer, limit, GzipInflater.JDK);
        }
    }

    /** A read whose layer a child inflater decompressed failed: it proves nothing about the layer. */
    private static final class ChildReadFailed extends IOException {
        private static final long serialVersionUID = 1L;

        ChildReadFailed(Exception cause) {
            super(cause);
        }
    }

    private static List<LayerChange> readOnce(ImageSource source, Descriptor layer, ReadLimits limit, GzipInflater inflater)
            throws IOException {
        String what = source.describe(layer);
        try (InputStream blob = source.layer(layer);
                LayerStreams.Opened opened = LayerStreams.open(blob, what, layer.mediaType(), limit, inflater)) {
            try {
                List<LayerChange> changes = LayerReader.read(new NonClosingInputStream(opened.tar), what, limit);
                opened.finish(); // the blob is trusted only once its end has been checked
                return changes;
            } catch (IOException | RuntimeException e) {
                if (!opened.inflatedByChild() || e instanceof InterruptedIOException || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                throw new ChildReadFailed(e);
            }
        }
    }
}
