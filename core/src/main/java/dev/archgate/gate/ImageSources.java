package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.image.model.ImageLocation;
import dev.archgate.image.store.ImageSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Supplier;

/** Opens the source an image location names: an OCI layout or archive, the local engine, or a registry. */
final class ImageSources {
    private ImageSources() {}

    /** @param docker the engine, connected only for a docker-daemon: image */
    static ImageSource open(ImageLocation location, Set<String> insecureRegistries, Path dockerConfig,
                            Supplier<DockerClient> docker) throws IOException {
        return switch (location.kind()) {
            case OCI_LAYOUT -> ImageSource.ociLayout(location.path(), location.name());
            case OCI_ARCHIVE -> ImageSource.ociArchive(location.path(), location.name());
            case ENGINE -> ImageSource.engine(docker.get(), location.name());
            case REGISTRY -> ImageSource.registry(location.reference(), insecureRegistries, dockerConfig);
        };
    }
}
