package dev.archgate.cli;

import dev.archgate.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A user's project made of a fixture: its Dockerfile at the top and, when it builds sources, their directory beside it. */
final class FixtureProject {
    private FixtureProject() {}

    /** @param sources the directory of test-fixtures/src the Dockerfile copies (e.g. hello), or null */
    static Path create(Path project, String fixture, String sources) throws IOException {
        Path root = Fixtures.repositoryRoot();
        Files.createDirectories(project);
        Files.copy(root.resolve("test-fixtures").resolve(fixture).resolve("Dockerfile"), project.resolve("Dockerfile"));
        if (sources != null) {
            Path from = root.resolve("test-fixtures/src").resolve(sources);
            try (Stream<Path> all = Files.walk(from)) {
                for (Path p : all.toList()) {
                    Path target = project.resolve(sources).resolve(from.relativize(p).toString());
                    if (Files.isDirectory(p)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(p, target);
                    }
                }
            }
        }
        return project;
    }
}
