package dev.archgate.action.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Platform;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds the action's image with jib-core for linux/amd64 and linux/arm64 and pushes it (run by
 * dev/build-action-image, which made the base's layers). No Dockerfile and no engine: the base is
 * pushed as a manifest list of Debian-made root filesystems plus each architecture's
 * JDK 25 ahead-of-time cache; on top jib lays the same four layers for both platforms, each
 * changing at its own pace: dependencies, snapshot dependencies (archgate-core, archgate-cli), resources (the docker config and the credential helper), the action (archgate-action.jar).
 * No USER and no WORKDIR, as GitHub asks of container actions. The CLI rides along: with arguments
 * the entrypoint (ActionMain) is the archgate command line, {@code docker run IMAGE gate ...}.
 * Prints the image's digest.
 *
 * <p>Arguments: BASE_DIR BASE_REF TARGET_REF TARGET_DIR VERSION REVISION SOURCE (empty: no source label). The
 * target's login, where it needs one, is docker's ({@link #dockerConfigFile}). BASE_DIR holds
 * amd64/ and arm64/, each with layer.tar.gz and aot.tar.gz; TARGET_DIR is action/target.
 */
public final class ActionImageBuild {
    /**
     * The JDK 25 ahead-of-time cache (loaded and linked classes, method profiles), written by a
     * training run with exactly {@link #classPath} and {@link #JVM}. A JVM that cannot map it runs
     * without it.
     */
    static final String AOT = "/opt/archgate/app.aot";
    /**
     * The JVM's flags, the training run's too (a cache serves the heap settings it was made with).
     * A heap sized for streaming, as bin/archgate's: it grows only with what the audit keeps.
     */
    static final List<String> JVM = List.of("-XX:+UseSerialGC", "-Xms16m", "-Xmx1g");
    static final String DOCKER_CONFIG = "/etc/archgate/docker";
    static final String HELPER = "/usr/local/bin/docker-credential-archgate";
    /** archgate's own jars in target/lib: they change with every build, so they ride after the archived ones. */
    static final List<String> OWN_JARS = List.of("archgate-core.jar", "archgate-cli.jar");
    /** The action's own classes and resources (target/archgate-action.jar). */
    static final String ACTION_JAR = "archgate-action.jar";

    private ActionImageBuild() {}

    public static void main(String[] args) throws Exception {
        Path baseDir = Path.of(args[0]);
        String baseRef = args[1];
        String target = args[2];
        Path targetDir = Path.of(args[3]);
        String version = args[4];
        String revision = args[5];
        String source = args[6];

        int slash = baseRef.indexOf('/');
        int colon = baseRef.lastIndexOf(':');
        BaseImagePush base = new BaseImagePush(baseRef.substring(0, slash), baseRef.substring(slash + 1, colon));
        String baseTag = baseRef.substring(colon + 1);
        if (!base.exists(baseTag)) {
            Map<String, List<Path>> layers = new LinkedHashMap<>();
            for (String arch : List.of("amd64", "arm64")) {
                layers.put(arch, List.of(baseDir.resolve(arch).resolve("layer.tar.gz"), baseDir.resolve(arch).resolve("aot.tar.gz")));
            }
            base.push(baseTag, layers, List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                    "DOCKER_CONFIG=" + DOCKER_CONFIG));
            System.err.println("pushed the base " + baseRef);
        }

        Path lib = targetDir.resolve("lib");
        List<Path> thirdParty = dependencies(lib);
        Path work = Files.createDirectories(targetDir.resolve("action-image"));
        Path dockerConfig = Files.writeString(work.resolve("config.json"), "{}\n");
        Path helper = Files.writeString(work.resolve("docker-credential-archgate"), "#!/bin/sh\n"
                + "# Registry logins from the step's inputs, read from the environment by the action's own classes.\n"
                + "exec java -XX:AOTCache=" + AOT + " " + String.join(" ", JVM) + " -XX:TieredStopAtLevel=1 -cp " + classPath(thirdParty)
                + " dev.archgate.action.CredentialHelper \"$@\"\n");

        FileEntriesLayer.Builder deps = FileEntriesLayer.builder().setName("dependencies");
        thirdParty.forEach(j -> deps.addEntry(j, AbsoluteUnixPath.get("/app/libs/" + j.getFileName())));
        FileEntriesLayer.Builder snapshot = FileEntriesLayer.builder().setName("snapshot dependencies");
        OWN_JARS.forEach(j -> snapshot.addEntry(lib.resolve(j), AbsoluteUnixPath.get("/app/libs/" + j)));
        FileEntriesLayer.Builder action = FileEntriesLayer.builder().setName("action")
                .addEntry(targetDir.resolve(ACTION_JAR), AbsoluteUnixPath.get("/app/libs/" + ACTION_JAR));
        FileEntriesLayer.Builder resources = FileEntriesLayer.builder().setName("resources")
                .addEntry(dockerConfig, AbsoluteUnixPath.get(DOCKER_CONFIG + "/config.json"))
                .addEntry(helper, AbsoluteUnixPath.get(HELPER), FilePermissions.fromOctalString("755"));
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "archgate GitHub Action");
        labels.put("org.opencontainers.image.description", "Release gate for multi-platform container images");
        if (!source.isEmpty()) {
            labels.put("org.opencontainers.image.source", source);
        }
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.revision", revision);
        labels.put("org.opencontainers.image.licenses", "Apache-2.0");

        JibContainer built = Jib.from(RegistryImage.named(baseRef))
                // In this order on every run: jib lists the platforms in the set's order, and Set.of's order changes
                // from one JVM to the next, so the index (and the digest dev/release must push again) would too.
                .setPlatforms(new LinkedHashSet<>(List.of(new Platform("amd64", "linux"), new Platform("arm64", "linux"))))
                .setFileEntriesLayers(deps.build(), snapshot.build(), resources.build(), action.build())
                .setEntrypoint(entrypoint(thirdParty))
                .setLabels(labels)
                .setFormat(ImageFormat.Docker) // jib writes a multi-platform index only in the Docker format
                .containerize(Containerizer.to(RegistryImage.named(target).addCredentialRetriever(
                                CredentialRetrieverFactory.forImage(ImageReference.parse(target), e -> { }).dockerConfig(dockerConfigFile())))
                        .setAllowInsecureRegistries(true)
                        .setToolName("archgate-build-action-image"));
        System.out.println(built.getDigest());
    }

    /**
     * The JVM's command: the cache, the flags and the class path it was trained with. No shell in
     * between: dash, Debian's /bin/sh, drops the runner's hyphenated INPUT_* variables.
     */
    static List<String> entrypoint(List<Path> thirdParty) {
        List<String> command = new ArrayList<>(List.of("java", "-XX:AOTCache=" + AOT));
        command.addAll(JVM);
        command.addAll(List.of("-cp", classPath(thirdParty), "dev.archgate.action.ActionMain"));
        return command;
    }

    /**
     * docker's config.json where the docker CLI (and docker/login-action) finds it: $DOCKER_CONFIG,
     * else $HOME/.docker. Not the JVM's user.home, which is the passwd entry's: in a CI job container
     * HOME is elsewhere.
     */
    static Path dockerConfigFile() {
        String dir = System.getenv("DOCKER_CONFIG");
        return (dir != null && !dir.isEmpty() ? Path.of(dir) : Path.of(System.getenv().getOrDefault("HOME", "/root"), ".docker"))
                .resolve("config.json");
    }

    /**
     * archgate's jars first (a class or resource is looked up jar by jar, each opened on the way:
     * the version's lookup opened all 47 others), then the third-party jars in a fixed order. Jars
     * only: the JVM writes no AOT cache for a class path with a non-empty directory ("Cannot have
     * non-empty directory in paths").
     */
    static String classPath(List<Path> thirdParty) {
        List<String> cp = new ArrayList<>();
        cp.add("/app/libs/" + ACTION_JAR);
        OWN_JARS.forEach(j -> cp.add("/app/libs/" + j));
        thirdParty.forEach(j -> cp.add("/app/libs/" + j.getFileName()));
        return String.join(":", cp);
    }

    static List<Path> dependencies(Path lib) throws java.io.IOException {
        try (Stream<Path> jars = Files.list(lib)) {
            return jars.filter(j -> j.toString().endsWith(".jar") && !j.getFileName().toString().startsWith("archgate-")).sorted().toList();
        }
    }

    /** For dev/build-action-image's training run: prints the image's class path. */
    public static final class ClassPaths {
        private ClassPaths() {}

        public static void main(String[] args) throws Exception {
            System.out.println(classPath(dependencies(Path.of(args[0]))));
        }
    }

    /** For dev/build-action-image's training run: prints the JVM's flags, one a line. */
    public static final class JvmOptions {
        private JvmOptions() {}

        public static void main(String[] args) {
            JVM.forEach(System.out::println);
        }
    }
}
