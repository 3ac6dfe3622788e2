package dev.archgate.smoke;

import java.util.Optional;

/** Where strict emulation looks up what a container would execute, without running it. */
public interface ProgramFiles {
    /** The regular file {@code path} leads to through symlinks, if any. */
    Optional<Program> follow(String path);

    /** What the runtime would execute for {@code command}: a path, or a name looked up in PATH. */
    Optional<Program> which(String command, String pathVariable);
}
