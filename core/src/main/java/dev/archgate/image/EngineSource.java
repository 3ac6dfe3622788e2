package dev.archgate.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An image in the local Docker Engine. With the containerd image store, {@code docker save}
 * writes an OCI layout archive holding the index and every platform whose content is present
 * locally, so the engine's copy is read exactly like an OCI archive (a platform whose content
 * was never pulled is absent, as it would be to any other reader of the engine).
 */
public final class EngineSource implements ImageSource {
    private final String name;
    private final Path saved;
    private final OciArchiveSource archive;

    public EngineSource(DockerClient docker, ImageReference reference, String given) throws IOException {
        this.name = given;
        this.saved = Files.createTempFile("archgate-save-", ".tar");
        try (InputStream in = docker.saveImageCmd(given).exec()) {
            Files.copy(in, saved, StandardCopyOption.REPLACE_EXISTING);
        } catch (NotFoundException e) {
            Files.deleteIfExists(saved);
            throw new ImageException("image " + given + " is not in the local Docker Engine: build or pull it first, or name a registry image",
                    ImageException.Kind.USAGE, e);
        } catch (RuntimeException e) {
            Files.deleteIfExists(saved);
            throw new ImageException("the Docker Engine could not export " + given + " (" + e.getMessage()
                    + "): check that dockerd is running", ImageException.Kind.ENVIRONMENT, e);
        }
        this.archive = new OciArchiveSource(saved, reference.registry() + "/" + reference.repository() + ":" + reference.tag());
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public RawManifest top() throws IOException {
        return archive.top();
    }

    @Override
    public RawManifest manifest(String digest) throws IOException {
        return archive.manifest(digest);
    }

    @Override
    public InputStream blob(String digest) throws IOException {
        return archive.blob(digest);
    }

    @Override
    public void close() throws IOException {
        try {
            archive.close();
        } finally {
            Files.deleteIfExists(saved);
        }
    }
}
