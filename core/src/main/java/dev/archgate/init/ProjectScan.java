package dev.archgate.init;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Finding;
import dev.archgate.lint.Dockerfile;
import dev.archgate.lint.DockerfileLinter;
import dev.archgate.lint.Instruction;
import dev.archgate.platform.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code archgate init} reads from a project directory to write its first archgate.yml: the Dockerfile (through
 * the lint package's parser), the platforms and where they came from, the final stage's entrypoint and whether it
 * serves (EXPOSE), and what the Dockerfile lint will report for those platforms.
 *
 * <p>The platforms, first found wins: {@code --platforms}; a buildx bake file or a GitHub workflow that already names
 * them ({@link DeclaredPlatforms}); else linux/amd64 and linux/arm64, the two that nearly every base image publishes
 * and most fleets run, plus linux/arm/v7 when the Dockerfile cross-compiles (a stage {@code FROM
 * --platform=$BUILDPLATFORM}) and reads {@code TARGETVARIANT}: then its build was written for ARM variants and a
 * third platform costs one more cross-compile, not an emulated build.
 *
 * @param root the repository's root (the nearest directory up with {@code .git}), where workflows and Jenkinsfiles go
 */
public record ProjectScan(Path dir, Path root, Path dockerfile, List<Platform> platforms, String platformsSource,
        Entrypoint entrypoint, boolean serves, List<Finding> lint) {
    static final List<Platform> DEFAULT = List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
    static final Platform ARM_V7 = Platform.parse("linux/arm/v7");
    private static final Pattern BUILD_PLATFORM = Pattern.compile("--platform=\\$\\{?BUILDPLATFORM}?");
    private static final Pattern TARGET_VARIANT = Pattern.compile("\\$\\{?TARGETVARIANT\\b");
    private static final Pattern STAGE_NAME = Pattern.compile("(?i)\\s+AS\\s+(\\S+)\\s*$");

    /** The final stage's ENTRYPOINT or CMD as written, and its Dockerfile line; null when the base image's applies. */
    public record Entrypoint(String instruction, int line) {}

    public ProjectScan {
        platforms = List.copyOf(platforms);
        lint = List.copyOf(lint);
    }

    /**
     * @param dockerfile the Dockerfile, relative to {@code dir} or absolute
     * @param given the platforms the user named, or null to find them
     */
    public static ProjectScan of(Path dir, Path dockerfile, List<Platform> given) {
        Path abs = dir.toAbsolutePath().normalize();
        Path file = abs.resolve(dockerfile).normalize();
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw ArchgateException.usage("there is no " + dockerfile + " in " + abs + ": run archgate init where the Dockerfile is, or name it with --file");
        } catch (IOException e) {
            throw ArchgateException.usage("cannot read " + file + " (" + e.getMessage() + "): make it readable and run archgate init again");
        }
        String name = abs.relativize(file).toString();
        Dockerfile parsed = Dockerfile.parse(name, text);
        if (parsed.froms().isEmpty()) {
            throw ArchgateException.usage(name + " has no FROM line, so it builds nothing: fix it and run archgate init again");
        }
        Path root = repositoryRoot(abs);
        List<Platform> platforms;
        String source;
        Optional<DeclaredPlatforms> declared = given == null ? DeclaredPlatforms.find(abs, root) : Optional.empty();
        if (given != null) {
            platforms = given;
            source = "given with --platforms";
        } else if (declared.isPresent()) {
            platforms = declared.get().platforms();
            source = "as " + declared.get().source() + " names them";
        } else if (crossCompilesForVariants(parsed)) {
            platforms = List.of(DEFAULT.get(0), DEFAULT.get(1), ARM_V7);
            source = name + " cross-compiles (FROM --platform=$BUILDPLATFORM) and reads TARGETVARIANT; archgate init's default for such a build";
        } else {
            platforms = DEFAULT;
            source = "archgate init's default: nothing in the project names platforms";
        }
        int finalStage = parsed.finalStage();
        return new ProjectScan(abs, root, file, platforms, source, entrypoint(parsed, finalStage), exposes(parsed, finalStage),
                DockerfileLinter.lint(parsed, platforms));
    }

    /** The Dockerfile as build.dockerfile names it: relative to the directory archgate.yml is in. */
    public String dockerfileName() {
        return dir.relativize(dockerfile).toString();
    }

    private static boolean crossCompilesForVariants(Dockerfile file) {
        boolean cross = file.froms().stream().anyMatch(f -> BUILD_PLATFORM.matcher(f.arguments()).find());
        boolean variants = file.instructions().stream().anyMatch(i -> TARGET_VARIANT.matcher(i.arguments()).find());
        return cross && variants;
    }

    /** The ENTRYPOINT (else CMD) the image ends with: the final stage's, or that of the earlier stage it starts FROM. */
    private static Entrypoint entrypoint(Dockerfile file, int stage) {
        for (int s = stage; s >= 0; s = parentStage(file, s)) {
            for (String keyword : List.of("ENTRYPOINT", "CMD")) {
                Optional<Instruction> last = lastOf(file, s, keyword);
                if (last.isPresent()) {
                    return new Entrypoint(keyword + " " + last.get().arguments(), last.get().firstLine());
                }
            }
        }
        return null;
    }

    private static boolean exposes(Dockerfile file, int stage) {
        for (int s = stage; s >= 0; s = parentStage(file, s)) {
            if (lastOf(file, s, "EXPOSE").isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static Optional<Instruction> lastOf(Dockerfile file, int stage, String keyword) {
        return file.instructions().stream().filter(i -> i.stage() == stage && i.keyword().equals(keyword)).reduce((a, b) -> b);
    }

    /** The earlier stage a stage starts FROM by name, or -1 when it starts from an image. */
    private static int parentStage(Dockerfile file, int stage) {
        List<Instruction> froms = file.froms();
        String[] words = froms.get(stage).arguments().replaceAll("--\\S+", "").trim().split("\\s+");
        String base = words[0].toLowerCase(Locale.ROOT);
        for (int s = stage - 1; s >= 0; s--) {
            Matcher named = STAGE_NAME.matcher(froms.get(s).arguments());
            if (named.find() && named.group(1).toLowerCase(Locale.ROOT).equals(base)) {
                return s;
            }
        }
        return -1;
    }

    /** The nearest directory from {@code dir} up that holds {@code .git} (a directory, or a worktree's file), else {@code dir}. */
    private static Path repositoryRoot(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve(".git"))) {
                return d;
            }
        }
        return dir;
    }
}
