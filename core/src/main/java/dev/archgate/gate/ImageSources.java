package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.image.ImageReference;
import dev.archgate.image.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Opens the source an image reference names, with skopeo's transport prefixes: {@code oci:DIR[:REF]},
 * {@code oci-archive:FILE[:REF]}, {@code docker-daemon:NAME}, and a plain reference for a registry.
 */
final class ImageSources {
    private ImageSources() {}

    /** @param docker the engine, connected only for a docker-daemon: image */
    static ImageSource open(String ref, Set<String> insecureRegistries, Path dockerConfig, Supplier<DockerClient> docker) throws IOException {
        if (ref.startsWith("oci:")) {
            String[] p = splitRef(ref.substring(4));
            return ImageSource.ociLayout(Path.of(p[0]), p[1]);
        }
        if (ref.startsWith("oci-archive:")) {
            String[] p = splitRef(ref.substring("oci-archive:".length()));
            return ImageSource.ociArchive(Path.of(p[0]), p[1]);
        }
        if (ref.startsWith("docker-daemon:")) {
            String name = ref.substring("docker-daemon:".length());
            return ImageSource.engine(docker.get(), name);
        }
        return ImageSource.registry(ImageReference.parse(ref), insecureRegistries, dockerConfig);
    }

    /** "dir:ref" into the path and the optional ref name (a path may itself hold no colon then). */
    private static String[] splitRef(String s) {
        int colon = s.lastIndexOf(':');
        return colon > 0 ? new String[] {s.substring(0, colon), s.substring(colon + 1)} : new String[] {s, null};
    }
}
