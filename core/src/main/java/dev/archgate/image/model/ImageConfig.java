package dev.archgate.image.model;

import java.io.Serializable;
import java.util.List;

/** The parts of an image config that say where it runs and what it starts. */
public record ImageConfig(String os, String architecture, String variant, List<String> entrypoint, List<String> cmd,
                          String user, String workingDir, List<String> env) implements Serializable {
    public static final String DEFAULT_PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    public ImageConfig {
        os = os == null ? "" : os;
        architecture = architecture == null ? "" : architecture;
        variant = variant == null ? "" : variant;
        entrypoint = List.copyOf(entrypoint);
        cmd = List.copyOf(cmd);
        user = user == null ? "" : user;
        workingDir = workingDir == null ? "" : workingDir;
        env = List.copyOf(env);
    }

    /** What the container runs by default: the entrypoint followed by the command. */
    public List<String> argv() {
        return java.util.stream.Stream.concat(entrypoint.stream(), cmd.stream()).toList();
    }

    /** The PATH the runtime searches, from the config's environment or the runtime's default. */
    public String path() {
        return env.stream().filter(e -> e.startsWith("PATH=")).map(e -> e.substring(5)).findFirst().orElse(DEFAULT_PATH);
    }

    public String label() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
