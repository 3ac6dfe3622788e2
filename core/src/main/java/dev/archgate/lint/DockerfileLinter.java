package dev.archgate.lint;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Dockerfile lines that make a multi-platform build put one architecture's code into
 * every platform. Each finding's path is {@code file:line}.
 */
public final class DockerfileLinter {
    private static final Pattern FROM_PLATFORM = Pattern.compile("--platform=(\\S+)");
    private static final Pattern STAGE_NAME = Pattern.compile("(?i)\\s+AS\\s+(\\S+)\\s*$");
    private static final Pattern GO_ENV = Pattern.compile("\\b(GOARCH|GOOS)=([\"']?)([^\\s\"';&|]*)");
    private static final Pattern RUN_PLATFORM = Pattern.compile("--platform[= ]([\"']?)([^\\s\"']+)");
    private static final Pattern URL = Pattern.compile("(https?|ftp)://[^\\s\"'<>|;)]+");
    /** Architecture names as they appear in release file names, each with the platform it means. */
    private static final Pattern ARCH_WORD = Pattern.compile(
            "(?i)(?<![a-z0-9])(x86_64|x86-64|amd64|x64|aarch64|arm64|armv7l?|armhf|armv6l?|s390x|ppc64le|riscv64)(?![a-z0-9])");
    private static final Pattern USES_TARGET = Pattern.compile(
            "\\$\\{?(TARGETARCH|TARGETPLATFORM|TARGETVARIANT|TARGETOS)\\b|uname\\s+-m|dpkg\\s+--print-architecture|arch\\b\\s*\\)");
    private static final Pattern TARGET_ARG_DEFAULT = Pattern.compile("\\b(TARGETARCH|TARGETPLATFORM|TARGETVARIANT)=(\\S+)");

    private DockerfileLinter() {}

    /** Lints for any set of target platforms. */
    public static List<Finding> lint(Dockerfile file) {
        return lint(file, List.of());
    }

    /**
     * Lints for the given target platforms. When they all share one architecture, a constant that
     * names that architecture is harmless (a single-architecture build pinned to itself) and is
     * not reported.
     */
    public static List<Finding> lint(Dockerfile file, List<Platform> targets) {
        Set<String> architectures = new HashSet<>();
        targets.forEach(p -> architectures.add(p.architecture()));
        String soleArchitecture = architectures.size() == 1 ? architectures.iterator().next() : null;
        List<Finding> out = new ArrayList<>();
        Set<String> stagesCopiedIntoFinal = stagesCopiedIntoFinal(file);
        for (Instruction in : file.instructions()) {
            switch (in.keyword()) {
                case "FROM" -> fromPlatform(file, in, stagesCopiedIntoFinal, soleArchitecture, out);
                case "RUN" -> {
                    goEnv(file, in, soleArchitecture, out);
                    runPlatform(file, in, soleArchitecture, out);
                    archDownloads(file, in, soleArchitecture, out);
                }
                case "ADD" -> archDownloads(file, in, soleArchitecture, out);
                case "ARG" -> targetArgDefault(file, in, out);
                default -> { }
            }
        }
        return List.copyOf(out);
    }

    /** Whether a literal names the architecture that every target platform has. */
    private static boolean isSoleTarget(String literal, String soleArchitecture) {
        if (soleArchitecture == null) {
            return false;
        }
        try {
            return Platform.parse(literal).architecture().equals(soleArchitecture);
        } catch (UnknownPlatformException e) {
            return false;
        }
    }

    private static void fromPlatform(Dockerfile file, Instruction in, Set<String> copiedIntoFinal, String sole, List<Finding> out) {
        Matcher m = FROM_PLATFORM.matcher(in.arguments());
        if (!m.find() || m.group(1).contains("$") || isSoleTarget(m.group(1), sole)) {
            return;
        }
        String platform = m.group(1);
        String where = at(file, in.lineOf("--platform"));
        if (in.stage() == file.finalStage()) {
            out.add(Finding.error(Check.DOCKERFILE_FROM_PLATFORM_CONSTANT, where,
                    "the final stage is pinned to " + platform + ", so every platform's image is built from the "
                            + platform + " base; drop --platform (or use $TARGETPLATFORM)"));
        } else {
            Matcher name = STAGE_NAME.matcher(in.arguments());
            boolean feedsFinal = name.find() && copiedIntoFinal.contains(name.group(1).toLowerCase(Locale.ROOT));
            String fix = "use --platform=$BUILDPLATFORM and cross-compile for $TARGETARCH";
            if (feedsFinal) {
                out.add(Finding.warning(Check.DOCKERFILE_FROM_PLATFORM_CONSTANT, where,
                        "build stage pinned to " + platform + " feeds the final image: what it builds runs only on "
                                + platform + " unless it cross-compiles for $TARGETARCH; " + fix));
            } else {
                out.add(Finding.info(Check.DOCKERFILE_FROM_PLATFORM_CONSTANT, where,
                        "build stage pinned to " + platform + "; " + fix));
            }
        }
    }

    private static void goEnv(Dockerfile file, Instruction in, String sole, List<Finding> out) {
        Matcher m = GO_ENV.matcher(in.arguments());
        while (m.find()) {
            String name = m.group(1);
            String value = m.group(3);
            if (value.isEmpty() || value.contains("$") || (name.equals("GOARCH") && isSoleTarget(value, sole))) {
                continue;
            }
            if (name.equals("GOOS") && value.equals("linux")) {
                continue; // every Linux platform wants GOOS=linux: a constant here is right
            }
            String where = at(file, in.lineOf(name + "=" + m.group(2) + value));
            String fix = name.equals("GOARCH") ? "use GOARCH=$TARGETARCH (and GOARM=${TARGETVARIANT#v} for arm)" : "use GOOS=$TARGETOS";
            out.add(Finding.error(Check.DOCKERFILE_HARDCODED_ARCH, where,
                    name + "=" + value + " builds " + value + " code for every platform; " + fix));
        }
    }

    private static void runPlatform(Dockerfile file, Instruction in, String sole, List<Finding> out) {
        Matcher m = RUN_PLATFORM.matcher(in.arguments());
        while (m.find()) {
            String value = m.group(2);
            if (value.contains("$") || isSoleTarget(value, sole)) {
                continue;
            }
            out.add(Finding.error(Check.DOCKERFILE_HARDCODED_ARCH, at(file, in.lineOf("--platform")),
                    "RUN passes --platform " + value + " to a tool, which then fetches or builds " + value
                            + " artifacts for every platform; derive it from $TARGETPLATFORM or $TARGETARCH"));
        }
    }

    private static void archDownloads(Dockerfile file, Instruction in, String sole, List<Finding> out) {
        if (USES_TARGET.matcher(in.arguments()).find()) {
            return;
        }
        Matcher url = URL.matcher(in.arguments());
        while (url.find()) {
            Matcher arch = ARCH_WORD.matcher(url.group());
            if (arch.find() && !isSoleTarget(arch.group(1).toLowerCase(Locale.ROOT), sole)) {
                out.add(Finding.error(Check.DOCKERFILE_HARDCODED_ARCH, at(file, in.lineOf(url.group())),
                        in.keyword() + " downloads " + url.group() + ", a " + arch.group(1) + " build, for every platform; "
                                + "put ${TARGETARCH} (or a mapping from it) into the URL"));
            }
        }
    }

    private static void targetArgDefault(Dockerfile file, Instruction in, List<Finding> out) {
        Matcher m = TARGET_ARG_DEFAULT.matcher(in.arguments());
        while (m.find()) {
            out.add(Finding.warning(Check.DOCKERFILE_HARDCODED_ARCH, at(file, in.lineOf(m.group())),
                    "ARG " + m.group(1) + "=" + m.group(2) + " gives a default that builders without BuildKit's automatic "
                            + "platform arguments use for every platform; declare ARG " + m.group(1) + " without a value"));
        }
    }

    /** Stage names (lower case) and indexes that a COPY --from in the final stage reads from. */
    private static Set<String> stagesCopiedIntoFinal(Dockerfile file) {
        Set<String> names = new HashSet<>();
        Pattern from = Pattern.compile("--from=(\\S+)");
        for (Instruction in : file.instructions()) {
            if (in.stage() == file.finalStage() && (in.keyword().equals("COPY") || in.keyword().equals("ADD"))) {
                Matcher m = from.matcher(in.arguments());
                if (m.find()) {
                    names.add(m.group(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return names;
    }

    private static String at(Dockerfile file, int line) {
        return file.name() + ":" + line;
    }
}
