package dev.archgate.image.store;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.BadRequestException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.ArchgateException;
import dev.archgate.image.model.Descriptor;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An image in the local Docker Engine, read through {@code docker save} (the Engine API's only
 * way out for image content: inspect shows one platform's config, and API 1.45 has no platform
 * parameter for either). What Engine 26 with the containerd image store gives, as found here:
 * <ul>
 *   <li>the save is an OCI layout tar: index.json names the image index (ref name and
 *       containerd name annotations), blobs/sha256/ holds it, every platform's manifest, config
 *       and layers, and the attestation manifests, exactly as buildx pushed or loaded them;
 *   <li>a platform whose content is not in the engine (pulled for other platforms only) is still
 *       listed in the index, but its manifest is absent from the tar;
 *   <li>when the host's own platform is among the absent ones, the save fails ("unable to create
 *       manifests file: content digest ...: not found": the legacy manifest.json needs it).
 * </ul>
 * So the engine's copy is read exactly like an OCI archive, from a temporary file (the tar puts
 * index.json last, and blobs are read in any order), and absent content gets a message of its own.
 */
final class EngineSource implements ContentStore {
    private final String name;
    private final Path saved;
    private final OciArchiveSource archive;

    /** @param given the image as the user named it (a name, a name:tag, a name@digest or an ID) */
    EngineSource(DockerClient docker, String given) throws IOException {
        this.name = given;
        this.saved = Files.createTempFile("archgate-save-", ".tar");
        try (InputStream in = docker.saveImageCmd(given).exec()) {
            Files.copy(in, saved, StandardCopyOption.REPLACE_EXISTING);
        } catch (RuntimeException e) {
            Files.deleteIfExists(saved);
            throw exportFailure(given, e);
        }
        // The save holds the one image asked for, whatever name it was asked by (an ID, a digest).
        this.archive = new OciArchiveSource(saved, null);
    }

    private static ArchgateException exportFailure(String given, RuntimeException e) {
        // Absent content is a 404 as well, so the engine's words tell it from an absent image.
        if (String.valueOf(e.getMessage()).contains("content digest")) {
            return new ArchgateException("the Docker Engine holds only part of " + given + " (it says: " + engineMessage(e)
                    + "), so it cannot export it: audit it from its registry, or load every platform with docker buildx build --load",
                    ArchgateException.Kind.USAGE, e);
        }
        if (e instanceof NotFoundException) {
            return new ArchgateException("image " + given + " is not in the local Docker Engine: build or pull it first, or name a registry image",
                    ArchgateException.Kind.USAGE, e);
        }
        if (e instanceof BadRequestException) {
            return new ArchgateException("the Docker Engine refuses the image name " + given + " (" + engineMessage(e)
                    + "): name it as docker image ls shows it", ArchgateException.Kind.USAGE, e);
        }
        return new ArchgateException("the Docker Engine could not export " + given + " (" + engineMessage(e) + "): check that dockerd is running",
                ArchgateException.Kind.ENVIRONMENT, e);
    }

    /** The engine's own words: docker-java wraps them as 'Status 404: {"message":"..."}'. */
    private static String engineMessage(RuntimeException e) {
        String m = String.valueOf(e.getMessage()).strip();
        int brace = m.indexOf('{');
        if (brace >= 0) {
            try {
                JsonObject o = JsonParser.parseString(m.substring(brace)).getAsJsonObject();
                if (o.has("message")) {
                    return firstLine(o.get("message").getAsString());
                }
            } catch (RuntimeException notJson) {
                // then the whole text is the message
            }
        }
        return firstLine(m);
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message).strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Served top() throws IOException {
        return archive.top();
    }

    @Override
    public Served manifest(Descriptor manifest) throws IOException {
        requirePresent(manifest);
        return archive.manifest(manifest);
    }

    @Override
    public InputStream blob(Descriptor blob) throws IOException {
        requirePresent(blob);
        return archive.blob(blob);
    }

    private void requirePresent(Descriptor d) {
        if (!archive.hasBlob(d.digest())) {
            String what = d.os().isEmpty() ? "content " + d.digest() : "the " + d.label() + " variant";
            throw new ArchgateException("the Docker Engine lists " + what + " of " + name + " but does not hold it (it was pulled for "
                    + "other platforms only): audit the image from its registry, or load every platform with docker buildx build --load",
                    ArchgateException.Kind.USAGE);
        }
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
