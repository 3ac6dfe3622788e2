package dev.archgate.image.store;

import dev.archgate.ArchgateException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** An OCI image layout directory, as {@code buildx --output type=oci,tar=false} writes it. */
final class OciLayoutSource extends OciLayout {
    private final Path dir;

    /** @param refName which image of index.json, by ref name; null when it holds only one */
    OciLayoutSource(Path dir, String refName) {
        super(refName);
        this.dir = dir;
        if (!Files.isRegularFile(dir.resolve("oci-layout")) || !Files.isRegularFile(dir.resolve("index.json"))) {
            throw new ArchgateException(dir + " is not an OCI image layout (no oci-layout and index.json): give the directory "
                    + "buildx wrote with --output type=oci,tar=false", ArchgateException.Kind.USAGE);
        }
    }

    @Override
    public String name() {
        return "oci:" + dir;
    }

    @Override
    String where() {
        return "OCI layout " + dir;
    }

    @Override
    InputStream open(String path) throws IOException {
        try {
            return Files.newInputStream(dir.resolve(path));
        } catch (NoSuchFileException e) {
            throw new ArchgateException(where() + " lacks " + path + ": the layout is incomplete", ArchgateException.Kind.USAGE);
        }
    }
}
