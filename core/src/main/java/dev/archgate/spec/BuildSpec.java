package dev.archgate.spec;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * How to build the image under test with buildx. {@code dockerfile} is relative to the working
 * directory (null: {@code context/Dockerfile}); {@code tags} are where a pushed build goes;
 * {@code options} are buildx's other settings passed through.
 */
public record BuildSpec(Path context, Path dockerfile, Map<String, String> args, boolean push, List<String> tags, String target,
        BuildOptions options) implements Serializable {
    public BuildSpec {
        args = Map.copyOf(args);
        tags = List.copyOf(tags);
        options = options == null ? BuildOptions.NONE : options;
    }

    public BuildSpec(Path context, Path dockerfile, Map<String, String> args, boolean push, List<String> tags, String target) {
        this(context, dockerfile, args, push, tags, target, BuildOptions.NONE);
    }

    public Path dockerfileOrDefault() {
        return dockerfile != null ? dockerfile : context.resolve("Dockerfile");
    }
}
