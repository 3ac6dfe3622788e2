package dev.archgate.action;

import dev.archgate.ArchgateException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code secrets} and {@code secret-files} inputs as buildx secrets, the way
 * docker/build-push-action passes them (src/context.ts, {@code Build.resolveSecretString} and
 * {@code resolveSecretFile} of @docker/actions-toolkit): an {@code id=value} line's value goes to a
 * file of its own readable by this user alone, named by {@code id=ID,src=FILE}; an
 * {@code id=path} line names its file (relative to the workspace). The values are in no argument,
 * log line or report; {@link #close()} removes the files once the build is over.
 */
final class BuildSecrets implements AutoCloseable {
    private final List<String> specs;
    private final List<String> values;
    private final List<Path> files;

    /** The lists are filled by {@link #from} while the files are written; nothing else changes them. */
    private BuildSecrets(List<String> specs, List<String> values, List<Path> files) {
        this.specs = specs;
        this.values = values;
        this.files = files;
    }

    static BuildSecrets from(Inputs in, Path workspace) {
        // Every line is checked before any file is written, so a refused input leaves no file behind.
        List<String[]> given = in.list("secrets").stream().map(line -> pair(line, "secrets", "id=value")).toList();
        List<String> specs = new ArrayList<>();
        for (String line : in.list("secret-files")) {
            String[] kv = pair(line, "secret-files", "id=path");
            specs.add("id=" + kv[0] + ",src=" + ActionSpec.path(workspace, kv[1]));
        }
        List<String> values = given.stream().map(kv -> kv[1]).toList();
        List<Path> files = new ArrayList<>();
        BuildSecrets secrets = new BuildSecrets(specs, values, files);
        try {
            for (String[] kv : given) {
                Path file = Files.createTempFile("archgate-secret-", "",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                files.add(file);
                Files.writeString(file, kv[1], StandardCharsets.UTF_8);
                specs.add("id=" + kv[0] + ",src=" + file);
            }
        } catch (IOException e) {
            secrets.close();
            throw new ArchgateException("cannot write a build secret to a temporary file (" + e.getMessage() + "): give the action a "
                    + "writable temporary directory", ArchgateException.Kind.ENVIRONMENT, e);
        }
        return secrets;
    }

    /** Split at the first '=', as build-push-action does; neither side may be empty. */
    private static String[] pair(String line, String input, String shape) {
        int eq = line.indexOf('=');
        if (eq <= 0 || eq == line.length() - 1) {
            // the line may be a secret's value: only its id (or nothing of it) is named
            String id = eq > 0 ? line.substring(0, eq) : "";
            throw ArchgateException.usage("the input '" + input + "' has a line " + (id.isEmpty() ? "without an id" : "for '" + id + "' without a value")
                    + ": write one " + shape + " per line");
        }
        return new String[] {line.substring(0, eq), line.substring(eq + 1)};
    }

    /** buildx's --secret specs, for build.secrets. */
    List<String> specs() {
        return List.copyOf(specs);
    }

    /** The secrets' values, for the log's mask. */
    List<String> values() {
        return values;
    }

    @Override
    public void close() {
        for (Path f : files) {
            try {
                Files.deleteIfExists(f);
            } catch (IOException e) {
                // the file is this user's alone in a temporary directory; the container goes with the step
            }
        }
    }
}
