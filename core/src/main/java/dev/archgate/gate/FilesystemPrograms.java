package dev.archgate.gate;

import dev.archgate.image.FileFacts;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.image.Resolution;
import dev.archgate.smoke.Program;
import dev.archgate.smoke.ProgramFiles;
import java.util.Optional;

/** Strict emulation's lookups answered from the merged filesystem the audit reads anyway. */
public final class FilesystemPrograms implements ProgramFiles {
    private final MergedFilesystem fs;

    public FilesystemPrograms(MergedFilesystem fs) {
        this.fs = fs;
    }

    @Override
    public Optional<Program> follow(String path) {
        return program(path, fs.resolve(path));
    }

    @Override
    public Optional<Program> which(String command, String pathVariable) {
        Resolution r = fs.which(command, pathVariable);
        return r.found() ? program(command.contains("/") ? command : pathOf(command, pathVariable), r) : Optional.empty();
    }

    /** The PATH entry through which {@code command} was found: the name the program is started by. */
    private String pathOf(String command, String pathVariable) {
        for (String dir : pathVariable.split(":")) {
            String candidate = (dir.endsWith("/") ? dir : dir + "/") + command;
            if (!dir.isEmpty() && fs.resolve(candidate).found()) {
                return candidate;
            }
        }
        return command;
    }

    private static Optional<Program> program(String path, Resolution r) {
        if (!r.found() || r.facts().type() != FileFacts.Type.FILE) {
            return Optional.empty();
        }
        FileFacts f = r.facts();
        return Optional.of(new Program(path, f.path(), f.elf(), f.shebang() == null ? null : f.shebang().substring(2)));
    }
}
