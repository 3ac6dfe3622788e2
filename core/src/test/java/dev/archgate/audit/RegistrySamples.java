package dev.archgate.audit;

import dev.archgate.image.fs.ImageFiles;
import dev.archgate.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Real packages from the registries these machines reach (Maven Central, the npm registry),
 * downloaded once into core/target/registry-samples and named by their coordinates, so a test
 * of the natives checks reads what the libraries really ship.
 */
final class RegistrySamples {
    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();

    private RegistrySamples() {}

    /** A jar from Maven Central, e.g. {@code maven("io.netty", "netty-transport-native-epoll", "4.1.115.Final", "linux-x86_64")}. */
    static synchronized byte[] maven(String group, String artifact, String version, String classifier) throws IOException, InterruptedException {
        String name = artifact + "-" + version + (classifier == null ? "" : "-" + classifier) + ".jar";
        return Files.readAllBytes(download("https://repo1.maven.org/maven2/" + group.replace('.', '/') + "/" + artifact + "/" + version + "/"
                + name, name));
    }

    /** An npm package's tarball, its files (under {@code package/}) added to {@code files} below {@code dir}. */
    static synchronized ImageFiles npm(ImageFiles files, String pkg, String version, String dir) throws IOException, InterruptedException {
        String base = pkg.substring(pkg.lastIndexOf('/') + 1) + "-" + version + ".tgz";
        Path tgz = download("https://registry.npmjs.org/" + pkg + "/-/" + base, base);
        try (InputStream in = Files.newInputStream(tgz); TarArchiveInputStream tar = new TarArchiveInputStream(new GzipCompressorInputStream(in))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    files.file(dir + "/" + e.getName().substring(e.getName().indexOf('/') + 1), 0644, tar.readAllBytes());
                }
            }
        }
        return files;
    }

    private static Path download(String url, String name) throws IOException, InterruptedException {
        Path dir = Fixtures.repositoryRoot().resolve("core/target/registry-samples");
        Path file = dir.resolve(name);
        if (Files.exists(file)) {
            return file;
        }
        Files.createDirectories(dir);
        Path part = Files.createTempFile(dir, name, ".part");
        HttpResponse<Path> r = HTTP.send(java.net.http.HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofFile(part));
        if (r.statusCode() != 200) {
            throw new AssertionError(url + " answered " + r.statusCode() + ": Maven Central and the npm registry must be reachable");
        }
        return Files.move(part, file, StandardCopyOption.REPLACE_EXISTING);
    }
}
