package dev.archgate.init;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The platforms a project already builds for, where another tool's file names them: a Compose file's
 * {@code services.*.build.platforms} or a buildx bake file's {@code platforms} (HCL {@code platforms = ["linux/amd64",
 * ...]} or JSON {@code "platforms": [...]}), the files {@code docker buildx bake} reads by default; or a GitHub
 * workflow's docker/build-push-action {@code platforms:} input (comma- or line-separated, or a list) or a
 * {@code docker buildx build --platform} it runs. A value computed at run time ({@code ${{ ... }}}, a bake variable)
 * names nothing.
 */
record DeclaredPlatforms(List<Platform> platforms, String source) {
    /** The Compose files {@code docker buildx bake} reads by default, in its order (buildx bake/bake.go, defaultFilenames). */
    private static final List<String> COMPOSE_FILES = List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
    /** The bake files it reads after them, in its order. */
    private static final List<String> BAKE_FILES = List.of("docker-bake.json", "docker-bake.hcl", "docker-bake.override.json",
            "docker-bake.override.hcl");
    private static final Pattern BAKE_PLATFORMS = Pattern.compile("\"?platforms\"?\\s*[=:]\\s*\\[([^\\]]*)]");
    private static final Pattern QUOTED = Pattern.compile("\"([^\"]*)\"");
    private static final Pattern RUN_PLATFORM = Pattern.compile("buildx\\s+build\\b[^\\n]*?--platform[= ]([^\\s\"']+)");

    DeclaredPlatforms {
        platforms = List.copyOf(platforms);
    }

    /** The first declaration found: a Compose or bake file of {@code dir}, then the workflows of {@code root}, in name order. */
    static Optional<DeclaredPlatforms> find(Path dir, Path root) {
        for (String name : Stream.concat(COMPOSE_FILES.stream(), BAKE_FILES.stream()).toList()) {
            Path file = dir.resolve(name);
            if (Files.isRegularFile(file)) {
                Optional<DeclaredPlatforms> found = COMPOSE_FILES.contains(name) ? compose(file, root) : bake(file, root);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        Path workflows = root.resolve(".github/workflows");
        if (!Files.isDirectory(workflows)) {
            return Optional.empty();
        }
        List<Path> files;
        try (Stream<Path> list = Files.list(workflows)) {
            files = list.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw ArchgateException.usage("cannot list " + workflows + " (" + e.getMessage() + "): make it readable, or name the platforms with --platforms");
        }
        for (Path workflow : files) {
            Optional<DeclaredPlatforms> found = workflow(workflow, root);
            if (found.isPresent()) {
                return found;
            }
        }
        return Optional.empty();
    }

    private static Optional<DeclaredPlatforms> bake(Path file, Path root) {
        Matcher m = BAKE_PLATFORMS.matcher(read(file));
        while (m.find()) {
            List<String> items = new ArrayList<>();
            Matcher q = QUOTED.matcher(m.group(1));
            while (q.find()) {
                items.add(q.group(1));
            }
            Optional<List<Platform>> platforms = parse(items);
            if (platforms.isPresent()) {
                return Optional.of(new DeclaredPlatforms(platforms.get(), root.relativize(file).toString()));
            }
        }
        return Optional.empty();
    }

    private static Optional<DeclaredPlatforms> compose(Path file, Path root) {
        if (yaml(file) instanceof Map<?, ?> compose && compose.get("services") instanceof Map<?, ?> services) {
            for (Object service : services.values()) {
                if (service instanceof Map<?, ?> s && s.get("build") instanceof Map<?, ?> build && build.get("platforms") instanceof List<?> list) {
                    Optional<List<Platform>> platforms = parse(list.stream().map(String::valueOf).toList());
                    if (platforms.isPresent()) {
                        return Optional.of(new DeclaredPlatforms(platforms.get(), root.relativize(file).toString()));
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<DeclaredPlatforms> workflow(Path file, Path root) {
        return platformsIn(yaml(file)).map(p -> new DeclaredPlatforms(p, root.relativize(file).toString()));
    }

    /** The document, or null when it is not YAML: not ours to judge (GitHub and Compose report their broken files). */
    private static Object yaml(Path file) {
        try {
            return new Yaml(new SafeConstructor(new LoaderOptions())).load(read(file));
        } catch (YAMLException e) {
            return null;
        }
    }

    /**
     * The first platforms a step builds for: the {@code platforms} input of docker/build-push-action, or the
     * {@code --platform} of a {@code docker buildx build} in a {@code run:}. (setup-qemu-action's {@code platforms}
     * names the emulators to install, not what is built.)
     */
    private static Optional<List<Platform>> platformsIn(Object node) {
        if (node instanceof Map<?, ?> map) {
            if (String.valueOf(map.get("uses")).startsWith("docker/build-push-action@") && map.get("with") instanceof Map<?, ?> with) {
                Object value = with.get("platforms");
                Optional<List<Platform>> here = value instanceof List<?> list ? parse(list.stream().map(String::valueOf).toList())
                        : value instanceof String text ? parse(List.of(text.split("[,\\s]+"))) : Optional.empty();
                if (here.isPresent()) {
                    return here;
                }
            }
            if (map.get("run") instanceof String run) {
                Matcher m = RUN_PLATFORM.matcher(run.replace("\\\n", " ")); // a command continued over lines is one line
                while (m.find()) {
                    Optional<List<Platform>> here = parse(List.of(m.group(1).split(",")));
                    if (here.isPresent()) {
                        return here;
                    }
                }
            }
            for (Object value : map.values()) {
                Optional<List<Platform>> deeper = platformsIn(value);
                if (deeper.isPresent()) {
                    return deeper;
                }
            }
        } else if (node instanceof List<?> list) {
            for (Object item : list) {
                Optional<List<Platform>> deeper = platformsIn(item);
                if (deeper.isPresent()) {
                    return deeper;
                }
            }
        }
        return Optional.empty();
    }

    /** The platforms when every item names one (an expression or a variable does not), else nothing. */
    private static Optional<List<Platform>> parse(List<String> items) {
        List<Platform> out = new ArrayList<>();
        for (String item : items) {
            if (item.isBlank()) {
                continue;
            }
            try {
                Platform p = Platform.parse(item.trim());
                if (!out.contains(p)) {
                    out.add(p);
                }
            } catch (UnknownPlatformException e) {
                return Optional.empty();
            }
        }
        return out.isEmpty() ? Optional.empty() : Optional.of(out);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw ArchgateException.usage("cannot read " + file + " (" + e.getMessage() + "): make it readable, or name the platforms with --platforms");
        }
    }
}
