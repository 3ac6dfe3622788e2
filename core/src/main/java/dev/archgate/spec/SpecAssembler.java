package dev.archgate.spec;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * How an adapter's settings become the spec of a run, the same for the CLI, the Action and the Jenkins plugin (as
 * jib's plugins share one RawConfiguration processor): which archgate.yml is read, the adapter's {@link Settings} over
 * it (each given replaces or merges into its key; build settings beside an image are refused), what a run needs and
 * none gave ("nothing to gate", "no platforms"), and the settings an adapter takes as text ({@code KEY=VALUE} items, smoke-mode
 * names). An adapter names its settings in its own words (a flag, an input, a parameter), keyed by archgate.yml's
 * key ({@code image}, {@code build.context}, {@code platforms}, {@code config}, ...), so every message names what the
 * user wrote; a key without a name is named as archgate.yml names it.
 */
public final class SpecAssembler {
    /** The file read when none is named, at the adapter's base directory (the working directory, the workspace). */
    public static final String DEFAULT_CONFIG = "archgate.yml";

    /** For a command that names its settings as archgate.yml does. */
    public static final SpecAssembler IN_FILE_NAMES = new SpecAssembler(Map.of());

    private final Map<String, String> names;

    public SpecAssembler(Map<String, String> names) {
        this.names = Map.copyOf(names);
    }

    /** The adapter's name for archgate.yml's {@code key}. */
    public String name(String key) {
        return names.getOrDefault(key, key);
    }

    /**
     * archgate.yml of a run: {@code given} (relative to {@code base}), which must exist; without one,
     * {@code base/archgate.yml} when there is one; else none (null).
     */
    Path config(Path base, String given) {
        if (given == null || given.isBlank()) {
            Path usual = base.resolve(DEFAULT_CONFIG);
            return Files.isRegularFile(usual) ? usual : null;
        }
        Path file = base.resolve(given).normalize();
        if (!Files.isRegularFile(file)) {
            throw ArchgateException.usage("the config file " + given + " does not exist (" + file + "): fix " + name("config")
                    + " (relative paths start at " + base.toAbsolutePath() + ") or create the file");
        }
        return file;
    }

    /**
     * The draft of a run: its archgate.yml ({@link Settings#config()}, relative to {@code base}) read, {@code environment}
     * answering its {@code ${VAR}}, the settings over it.
     */
    public SpecDraft draft(Path base, UnaryOperator<String> environment, Settings settings) {
        Path config = config(base, settings.config());
        return apply(settings, config == null ? SpecDraft.empty() : new SpecLoader(environment).load(config));
    }

    /** {@code draft} (archgate.yml's) with every setting given applied over it: each replaces or merges into its key. */
    public SpecDraft apply(Settings s, SpecDraft draft) {
        if (s.image() != null && s.context() != null) {
            throw ArchgateException.usage("both " + name("image") + " and " + name("build.context") + " are given: give " + name("image")
                    + " to gate an existing image, or " + name("build.context") + " to build one");
        }
        SpecDraft d = draft;
        if (s.image() != null) {
            d = d.withImage(s.image());
        }
        BuildSpec build = d.build();
        if (s.context() != null) {
            build = new BuildSpec(s.context(), s.dockerfile(), build == null ? Map.of() : build.args(), build != null && build.push(),
                    build == null ? List.of() : build.tags(), build == null ? null : build.target(),
                    build == null ? BuildOptions.NONE : build.options());
        } else if (build != null && s.dockerfile() != null) {
            build = new BuildSpec(build.context(), s.dockerfile(), build.args(), build.push(), build.tags(), build.target(), build.options());
        }
        if (build != null && (s.push() != null || !s.tags().isEmpty() || !s.buildArgs().isEmpty() || s.target() != null || s.optionsGiven())) {
            Map<String, String> args = new LinkedHashMap<>(build.args());
            args.putAll(s.buildArgs());
            build = new BuildSpec(build.context(), build.dockerfile(), args, s.push() != null ? s.push() : build.push(),
                    s.tags().isEmpty() ? build.tags() : s.tags(), s.target() != null ? s.target() : build.target(), options(s, build.options()));
        }
        if (build != null && s.image() == null) {
            d = d.withBuild(build);
        }
        if (d.build() == null) {
            refuseBuildOnly(s);
        }
        if (s.platforms() != null) {
            d = d.withPlatforms(Platform.parseList(s.platforms()));
        }
        if (!s.smoke().isEmpty()) {
            d = d.withSmoke(s.smoke());
        } else if (s.smokeGiven()) {
            d = d.withSmoke(List.of(smokeTest(s)));
        }
        if (s.strictEmulation() != null) {
            d = d.withStrictEmulation(s.strictEmulation());
        }
        if (s.installEmulation() != null) {
            d = d.withInstallEmulation(s.installEmulation());
        }
        if (!s.checks().isEmpty()) {
            d = d.withCheckLevels(CheckLevels.merge(d.checkLevels(), s.checks()));
        }
        if (!s.ignorePaths().isEmpty()) {
            d = d.withIgnorePaths(s.ignorePaths());
        }
        if (s.reportDir() != null) {
            d = d.withReportDir(s.reportDir());
        }
        if (!s.promote().isEmpty()) {
            d = d.withPromote(s.promote());
        }
        if (!s.insecureRegistries().isEmpty()) {
            d = d.withInsecureRegistries(s.insecureRegistries());
        }
        if (s.buildxBuilder() != null) {
            d = d.withBuilder(s.buildxBuilder());
        }
        if (!s.engines().isEmpty()) {
            d = d.withEngines(s.engines());
        }
        if (!s.emulationCpu().isEmpty()) {
            d = d.withEmulationCpu(s.emulationCpu());
        }
        if (!s.hardwarePageSize().isEmpty() || !s.hardwareCpu().isEmpty()) {
            d = d.withHardware(HardwarePolicy.of(s.hardwarePageSize(), s.hardwareCpu()));
        }
        if (s.sizeBudget() != null || s.wastedBytes() != null) {
            d = d.withPolicy(new PolicyLimits(s.sizeBudget(), s.wastedBytes()));
        }
        return d;
    }

    /** Build settings given while nothing is built would be silently dropped: they are refused, named as the adapter names them. */
    private void refuseBuildOnly(Settings s) {
        List<String> given = new ArrayList<>();
        if (s.dockerfile() != null) {
            given.add(name("build.dockerfile"));
        }
        if (s.target() != null) {
            given.add(name("build.target"));
        }
        if (!s.tags().isEmpty()) {
            given.add(name("build.tags"));
        }
        if (Boolean.TRUE.equals(s.push())) { // push: false (a form's unchecked box) asks for no push, which holds when nothing is built
            given.add(name("build.push"));
        }
        if (!s.buildArgs().isEmpty()) {
            given.add(name("build.args"));
        }
        if (!s.labels().isEmpty()) {
            given.add(name("build.labels"));
        }
        if (!s.annotations().isEmpty()) {
            given.add(name("build.annotations"));
        }
        if (!s.secrets().isEmpty()) {
            given.add(name("build.secrets"));
        }
        if (!s.cacheFrom().isEmpty()) {
            given.add(name("build.cache-from"));
        }
        if (!s.cacheTo().isEmpty()) {
            given.add(name("build.cache-to"));
        }
        if (s.provenance() != null) {
            given.add(name("build.provenance"));
        }
        if (s.sbom() != null) {
            given.add(name("build.sbom"));
        }
        if (Boolean.TRUE.equals(s.noCache())) {
            given.add(name("build.no-cache"));
        }
        if (Boolean.TRUE.equals(s.pull())) {
            given.add(name("build.pull"));
        }
        if (!given.isEmpty()) {
            throw ArchgateException.usage(String.join(", ", given) + " apply to a build, but nothing is built here: give "
                    + name("build.context") + " (or build: in archgate.yml), or leave them out when gating an image");
        }
    }

    /** The file's buildx settings with those given over them: labels merge as build arguments do, a list given replaces the file's. */
    private static BuildOptions options(Settings s, BuildOptions file) {
        Map<String, String> labels = new LinkedHashMap<>(file.labels());
        labels.putAll(s.labels());
        return new BuildOptions(labels, s.annotations().isEmpty() ? file.annotations() : s.annotations(),
                s.secrets().isEmpty() ? file.secrets() : s.secrets(), s.cacheFrom().isEmpty() ? file.cacheFrom() : s.cacheFrom(),
                s.cacheTo().isEmpty() ? file.cacheTo() : s.cacheTo(), s.provenance() != null ? s.provenance() : file.provenance(),
                s.sbom() != null ? s.sbom() : file.sbom(), s.noCache() != null ? s.noCache() : file.noCache(), s.pull() != null ? s.pull() : file.pull());
    }

    /**
     * The one smoke test the settings describe; it replaces the file's {@code smoke:} list. With a
     * command or an expectation the mode is a command run; an empty command runs the image's own
     * entrypoint.
     */
    private static SmokeTest smokeTest(Settings s) {
        List<String> command = s.smokeCommand() == null ? List.of() : s.smokeCommand();
        SmokeTest.Mode mode = s.smokeMode() != null ? s.smokeMode() : SmokeTest.Mode.COMMAND;
        String name = command.isEmpty() ? mode.name().toLowerCase(java.util.Locale.ROOT) : String.join(" ", command);
        return new SmokeTest(name, mode, command, s.expectExit() == null ? 0 : s.expectExit(), s.expectStdout(), "",
                s.timeout() == null ? SmokeTest.DEFAULT_TIMEOUT : s.timeout(), SmokeTest.DEFAULT_READY);
    }

    /** The spec of a finished draft; a draft with nothing to gate or no platforms is refused, naming this adapter's settings. */
    public GateSpec spec(SpecDraft d) {
        if (d.build() == null && d.image() == null) {
            throw ArchgateException.usage("nothing to gate: give " + name("image") + " (an image to gate) or " + name("build.context")
                    + " (a directory to build), or build: or image: in archgate.yml");
        }
        if (d.platforms() == null) {
            throw ArchgateException.usage("no platforms: give " + name("platforms") + " (e.g. linux/amd64,linux/arm64) or platforms: in archgate.yml");
        }
        return d.toSpec();
    }

    /**
     * Items written {@code KEY=VALUE} ({@code form} says how, e.g. {@code CHECK-ID=LEVEL}) as a map in their order: the
     * key trimmed, the value as written; an item without a key before its '=' is refused naming the setting.
     */
    public Map<String, String> pairs(List<String> items, String key, String form) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String item : items) {
            int eq = item.indexOf('=');
            if (eq <= 0 || item.substring(0, eq).isBlank()) {
                throw ArchgateException.usage(name(key) + " has '" + item + "': write each item as " + form);
            }
            out.put(item.substring(0, eq).trim(), item.substring(eq + 1));
        }
        return out;
    }
}
