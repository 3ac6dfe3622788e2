package dev.archgate.smoke;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Reads files of a created (not started) container through the engine's archive API, so nothing
 * of the image needs to be on this machine's disk: where a path leads through symlinks, and the
 * first bytes of the file it reaches.
 */
final class ContainerFiles {
    private static final int MAX_HOPS = 40;
    private static final int HEAD = 512;

    /**
     * A regular file reached from {@code path} (through symlinks, to {@code target}), with its
     * first bytes. Programs are started by {@code path}: busybox, for one, picks its applet by
     * the name it was called with.
     */
    record Head(String path, String target, byte[] bytes) {
        boolean isElf() {
            return bytes.length >= 4 && bytes[0] == 0x7f && bytes[1] == 'E' && bytes[2] == 'L' && bytes[3] == 'F';
        }

        /** The "#!" line without the marker, or null. */
        String shebang() {
            if (bytes.length < 2 || bytes[0] != '#' || bytes[1] != '!') {
                return null;
            }
            int end = 2;
            while (end < bytes.length && bytes[end] != '\n') {
                end++;
            }
            return new String(bytes, 2, end - 2, java.nio.charset.StandardCharsets.ISO_8859_1);
        }
    }

    private final DockerClient docker;
    private final String container;

    ContainerFiles(DockerClient docker, String container) {
        this.docker = docker;
        this.container = container;
    }

    /** Follows symlinks from {@code path} to a regular file; empty when the chain breaks. */
    Optional<Head> follow(String path) throws IOException {
        String current = path;
        for (int hop = 0; hop < MAX_HOPS; hop++) {
            try (InputStream in = docker.copyArchiveFromContainerCmd(container, current).exec();
                 TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                TarArchiveEntry e = tar.getNextEntry();
                if (e == null) {
                    return Optional.empty();
                }
                if (e.isSymbolicLink()) {
                    String target = e.getLinkName();
                    current = target.startsWith("/") ? target : parent(current) + "/" + target;
                    continue;
                }
                if (!e.isFile()) {
                    return Optional.empty();
                }
                return Optional.of(new Head(path, current, tar.readNBytes(HEAD)));
            } catch (NotFoundException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    /** The first PATH entry that leads to a file named {@code command}. */
    Optional<Head> which(String command, String pathVariable) throws IOException {
        if (command.contains("/")) {
            return follow(command);
        }
        for (String dir : pathVariable.split(":")) {
            if (!dir.isEmpty()) {
                Optional<Head> h = follow(dir + "/" + command);
                if (h.isPresent()) {
                    return h;
                }
            }
        }
        return Optional.empty();
    }

    private static String parent(String path) {
        int i = path.lastIndexOf('/');
        return i <= 0 ? "" : path.substring(0, i);
    }
}
