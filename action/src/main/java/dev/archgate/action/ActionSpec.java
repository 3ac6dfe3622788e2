package dev.archgate.action;

import dev.archgate.spec.Durations;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.Settings;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecAssembler;
import dev.archgate.spec.SpecDraft;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The gate spec of a step, assembled by the engine's {@link SpecAssembler}: archgate.yml when there is one (the
 * {@code config} input, else {@code archgate.yml} in the workspace), every given input over its key. Relative paths
 * are the workspace's, as a user reads them in the repository.
 */
final class ActionSpec {
    /**
     * The inputs by archgate.yml's keys, for the messages that name them: the build settings are listed together when
     * they are refused beside an image, so only the first word of such a list says "the input".
     */
    private static final SpecAssembler SETTINGS = new SpecAssembler(Map.ofEntries(Map.entry("image", "the input 'image'"),
            Map.entry("platforms", "the input 'platforms'"), Map.entry("config", "the input 'config'"),
            Map.entry("build.context", "the input 'context'"), Map.entry("build.dockerfile", "'file'"), Map.entry("build.tags", "'tags'"),
            Map.entry("build.push", "'push'"), Map.entry("build.args", "'build-args'"), Map.entry("build.target", "'target'"),
            Map.entry("build.labels", "'labels'"), Map.entry("build.annotations", "'annotations'"),
            Map.entry("build.secrets", "'secrets' or 'secret-files'"), Map.entry("build.cache-from", "'cache-from'"),
            Map.entry("build.cache-to", "'cache-to'"), Map.entry("build.provenance", "'provenance'"), Map.entry("build.sbom", "'sbom'"),
            Map.entry("build.no-cache", "'no-cache'"), Map.entry("build.pull", "'pull'"), Map.entry("smoke.mode", "the input 'smoke-mode'")));

    /** Where the reports go when neither the input nor archgate.yml says. */
    static final String DEFAULT_REPORT_DIR = "archgate-report";

    private ActionSpec() {}

    /** @param secrets buildx's --secret specs of the {@code secrets} and {@code secret-files} inputs ({@link BuildSecrets}) */
    static GateSpec from(Inputs in, Path workspace, UnaryOperator<String> environment, List<String> secrets) {
        Settings settings = Settings.builder()
                .config(in.get("config"))
                .image(in.get("image"))
                .context(path(workspace, in.get("context")))
                .dockerfile(path(workspace, in.get("file")))
                .platforms(in.items("platforms").isEmpty() ? null : String.join(",", in.items("platforms")))
                .tags(in.items("tags"))
                .push(in.flag("push"))
                .buildArgs(SETTINGS.pairs(in.list("build-args"), "build.args", "KEY=VALUE"))
                .target(in.get("target"))
                .labels(SETTINGS.pairs(in.list("labels"), "build.labels", "KEY=VALUE"))
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
                .smokeMode(in.get("smoke-mode") == null ? null : SmokeTest.Mode.named(in.get("smoke-mode"), SETTINGS.name("smoke.mode")))
                .expectExit(in.number("expect-exit"))
                .expectStdout(in.raw("expect-stdout"))
                .timeout(in.get("timeout") == null ? null : Durations.parse(in.get("timeout"), "the input 'timeout'"))
                .strictEmulation(in.flag("strict-emulation"))
                .installEmulation(in.flag("install-emulation"))
                .reportDir(path(workspace, in.get("report-dir")))
                .promote(in.items("promote"))
                .build();
        SpecDraft d = SETTINGS.draft(workspace, environment, settings);
        // The action's own defaults, where neither an input nor archgate.yml decided: a hosted
        // runner has no QEMU handlers, and the reports are what the summary points at.
        if (d.installEmulation() == null) {
            d = d.withInstallEmulation(true);
        }
        if (d.reportDir() == null) {
            d = d.withReportDir(workspace.resolve(DEFAULT_REPORT_DIR));
        }
        return SETTINGS.spec(d);
    }

    static Path path(Path workspace, String given) {
        return given == null ? null : workspace.resolve(given).normalize();
    }
}
