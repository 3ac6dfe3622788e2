package dev.archgate.gate;

import dev.archgate.lint.Dockerfile;
import dev.archgate.lint.DockerfileLinter;
import dev.archgate.platform.Platform;
import dev.archgate.report.Report;
import dev.archgate.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;

/** The engine's entry points for the adapters: each wires the stages a command needs. */
public final class Gate {
    private Gate() {}

    /** Lints one Dockerfile; the report has image-wide findings and no platforms checked. */
    public static Report lint(Path dockerfile, List<Platform> platforms) {
        String text;
        try {
            text = Files.readString(dockerfile);
        } catch (NoSuchFileException e) {
            throw new SpecException("Dockerfile " + dockerfile + " does not exist: give the path of the Dockerfile to lint");
        } catch (IOException e) {
            throw new SpecException("cannot read Dockerfile " + dockerfile + ": " + e.getMessage());
        }
        Dockerfile parsed = Dockerfile.parse(dockerfile.toString(), text);
        return Report.linted(dockerfile.toString(), DockerfileLinter.lint(parsed, platforms));
    }
}
