package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.host.Host;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.model.ImageLocation;
import dev.archgate.image.model.ResolvedImage;
import dev.archgate.image.store.ImageSource;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.util.HashSet;
import java.util.List;
import java.util.function.Supplier;

/** One image being checked: its source, its resolution for the platforms it serves, and the name the engine runs. */
record CheckedImage(ImageSource source, ResolvedImage resolved, String pinned) implements AutoCloseable {
    static CheckedImage open(ImageLocation image, List<Platform> served, Host host, List<String> insecureRegistries,
                             Supplier<DockerClient> docker) throws IOException {
        ImageSource source = ImageSources.open(image, new HashSet<>(insecureRegistries), host.dockerConfig(), docker);
        try {
            ResolvedImage resolved = ImageResolver.resolve(source, served);
            return new CheckedImage(source, resolved, image.pinned(resolved.digest()));
        } catch (IOException | RuntimeException e) {
            source.close();
            throw e;
        }
    }

    @Override
    public void close() {
        try {
            source.close();
        } catch (IOException e) {
            // a temporary export; nothing depends on it any more
        }
    }
}
