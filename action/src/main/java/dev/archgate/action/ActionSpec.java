package dev.archgate.action;

import dev.archgate.spec.Durations;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.spec.SpecException;
import dev.archgate.spec.SpecLoader;
import dev.archgate.spec.SpecOverrides;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The gate spec of a step: archgate.yml when there is one (the {@code config} input, else
 * {@code archgate.yml} in the workspace), every given input over its key. Relative paths are the
 * workspace's, as a user reads them in the repository.
 */
final class ActionSpec {
    /** The inputs of the build settings, for the message that refuses them when nothing is built. */
    private static final Map<String, String> BUILD_INPUTS = Map.ofEntries(Map.entry("build.context", "the input 'context'"),
            Map.entry("build.dockerfile", "'file'"), Map.entry("build.tags", "'tags'"), Map.entry("build.push", "'push'"),
            Map.entry("build.args", "'build-args'"), Map.entry("build.target", "'target'"), Map.entry("build.labels", "'labels'"),
            Map.entry("build.annotations", "'annotations'"), Map.entry("build.secrets", "'secrets' or 'secret-files'"),
            Map.entry("build.cache-from", "'cache-from'"), Map.entry("build.cache-to", "'cache-to'"),
            Map.entry("build.provenance", "'provenance'"), Map.entry("build.sbom", "'sbom'"), Map.entry("build.no-cache", "'no-cache'"),
            Map.entry("build.pull", "'pull'"));

    /** Where the reports go when neither the input nor archgate.yml says. */
    static final String DEFAULT_REPORT_DIR = "archgate-report";

    private ActionSpec() {}

    /** @param secrets buildx's --secret specs of the {@code secrets} and {@code secret-files} inputs ({@link BuildSecrets}) */
    static GateSpec from(Inputs in, Path workspace, UnaryOperator<String> environment, List<String> secrets) {
        if (in.get("image") != null && in.get("context") != null) {
            throw new SpecException("the inputs 'image' and 'context' are both set: give 'image' to gate a pushed image, or 'context' to "
                    + "build one");
        }
        SpecDraft d = SpecDraft.empty();
        Path config = config(in, workspace);
        if (config != null) {
            d = new SpecLoader(environment).load(config);
        }
        d = SpecOverrides.builder()
                .settingNames(BUILD_INPUTS)
                .image(in.get("image"))
                .context(path(workspace, in.get("context")))
                .dockerfile(path(workspace, in.get("file")))
                .platforms(in.items("platforms").isEmpty() ? null : String.join(",", in.items("platforms")))
                .tags(in.items("tags"))
                .push(in.flag("push"))
                .buildArgs(pairs(in.list("build-args"), "build-args"))
                .target(in.get("target"))
                .labels(pairs(in.list("labels"), "labels"))
                .annotations(in.list("annotations"))
                .secrets(secrets)
                .cacheFrom(in.list("cache-from"))
                .cacheTo(in.list("cache-to"))
                .provenance(in.get("provenance"))
                .sbom(in.get("sbom"))
                .noCache(in.flag("no-cache"))
                .pull(in.flag("pull"))
                .builder(in.get("builder"))
                .smokeCommand(in.get("smoke-command") == null ? null : Arrays.asList(in.get("smoke-command").split("\\s+")))
                .smokeMode(mode(in.get("smoke-mode")))
                .expectExit(in.number("expect-exit"))
                .expectStdout(in.raw("expect-stdout"))
                .timeout(in.get("timeout") == null ? null : Durations.parse(in.get("timeout"), "the input 'timeout'"))
                .strictEmulation(in.flag("strict-emulation"))
                .installEmulation(in.flag("install-emulation"))
                .reportDir(path(workspace, in.get("report-dir")))
                .promote(in.items("promote"))
                .build()
                .applyTo(d);
        // The action's own defaults, where neither an input nor archgate.yml decided: a hosted
        // runner has no QEMU handlers, and the reports are what the summary points at.
        if (d.installEmulation() == null) {
            d = d.withInstallEmulation(true);
        }
        if (d.reportDir() == null) {
            d = d.withReportDir(workspace.resolve(DEFAULT_REPORT_DIR));
        }
        if (d.build() == null && d.image() == null) {
            throw new SpecException("nothing to gate: set the input 'context' (a directory to build) or 'image' (a pushed image), "
                    + "or 'config' with build: or image:");
        }
        if (d.platforms() == null) {
            throw new SpecException("no platforms: set the input 'platforms' (e.g. linux/amd64,linux/arm64) or platforms: in archgate.yml");
        }
        return d.toSpec();
    }

    private static Path config(Inputs in, Path workspace) {
        String given = in.get("config");
        if (given == null) {
            Path usual = workspace.resolve("archgate.yml");
            return Files.isRegularFile(usual) ? usual : null;
        }
        Path file = path(workspace, given);
        if (!Files.isRegularFile(file)) {
            throw new SpecException("the config file " + given + " does not exist in the workspace (" + file + "): fix the input 'config' "
                    + "(relative paths start at the repository's root) or check out the repository first");
        }
        return file;
    }

    static Path path(Path workspace, String given) {
        return given == null ? null : workspace.resolve(given).normalize();
    }

    private static Map<String, String> pairs(List<String> lines, String input) {
        Map<String, String> args = new LinkedHashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw new SpecException("the input '" + input + "' has the line '" + line + "': write one KEY=VALUE per line");
            }
            args.put(line.substring(0, eq).trim(), line.substring(eq + 1));
        }
        return args;
    }

    private static SmokeTest.Mode mode(String v) {
        if (v == null) {
            return null;
        }
        return switch (v) {
            case "run" -> SmokeTest.Mode.COMMAND;
            case "start" -> SmokeTest.Mode.START;
            case "service" -> SmokeTest.Mode.SERVICE;
            default -> throw new SpecException("the input 'smoke-mode' is '" + v + "': use run, start or service");
        };
    }
}
