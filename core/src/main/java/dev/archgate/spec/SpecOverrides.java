package dev.archgate.spec;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an adapter's own settings (CLI flags, action inputs, Jenkins step parameters) say over
 * archgate.yml: each one given replaces or merges into its key, each one absent leaves the file's
 * value. One mapping for every adapter, so a flag and an input with the same name mean the same.
 * Built with {@link #builder()}; nothing set means nothing overridden.
 */
public final class SpecOverrides {
    private final Builder b;

    private SpecOverrides(Builder b) {
        this.b = b;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The draft with every given setting applied over it. */
    public SpecDraft applyTo(SpecDraft draft) {
        if (b.image != null && b.context != null) {
            throw ArchgateException.usage("both " + b.name("image") + " and " + b.name("build.context") + " are given: give " + b.name("image")
                    + " to gate an existing image, or " + b.name("build.context") + " to build one");
        }
        SpecDraft d = draft;
        if (b.image != null) {
            d = d.withImage(b.image);
        }
        BuildSpec build = d.build();
        if (b.context != null) {
            build = new BuildSpec(b.context, b.dockerfile, build == null ? Map.of() : build.args(), build != null && build.push(),
                    build == null ? List.of() : build.tags(), build == null ? null : build.target(),
                    build == null ? BuildOptions.NONE : build.options());
        } else if (build != null && b.dockerfile != null) {
            build = new BuildSpec(build.context(), b.dockerfile, build.args(), build.push(), build.tags(), build.target(), build.options());
        }
        if (build != null && (b.push != null || !b.tags.isEmpty() || !b.buildArgs.isEmpty() || b.target != null || b.optionsGiven())) {
            Map<String, String> args = new LinkedHashMap<>(build.args());
            args.putAll(b.buildArgs);
            build = new BuildSpec(build.context(), build.dockerfile(), args, b.push != null ? b.push : build.push(),
                    b.tags.isEmpty() ? build.tags() : b.tags, b.target != null ? b.target : build.target(), options(build.options()));
        }
        if (build != null && b.image == null) {
            d = d.withBuild(build);
        }
        if (d.build() == null) {
            refuseBuildOnly();
        }
        if (b.platforms != null) {
            d = d.withPlatforms(Platform.parseList(b.platforms));
        }
        if (!b.smoke.isEmpty()) {
            d = d.withSmoke(b.smoke);
        } else if (b.smokeGiven()) {
            d = d.withSmoke(List.of(smokeTest()));
        }
        if (b.strictEmulation != null) {
            d = d.withStrictEmulation(b.strictEmulation);
        }
        if (b.installEmulation != null) {
            d = d.withInstallEmulation(b.installEmulation);
        }
        if (!b.checks.isEmpty()) {
            d = d.withCheckLevels(CheckFlags.merge(d.checkLevels(), b.checks));
        }
        if (!b.ignorePaths.isEmpty()) {
            d = d.withIgnorePaths(b.ignorePaths);
        }
        if (b.reportDir != null) {
            d = d.withReportDir(b.reportDir);
        }
        if (!b.promote.isEmpty()) {
            d = d.withPromote(b.promote);
        }
        if (!b.insecureRegistries.isEmpty()) {
            d = d.withInsecureRegistries(b.insecureRegistries);
        }
        if (b.builder != null) {
            d = d.withBuilder(b.builder);
        }
        if (!b.engines.isEmpty()) {
            d = d.withEngines(b.engines);
        }
        if (!b.emulationCpu.isEmpty()) {
            d = d.withEmulationCpu(b.emulationCpu);
        }
        if (!b.hardwarePageSize.isEmpty() || !b.hardwareCpu.isEmpty()) {
            d = d.withHardware(HardwarePolicy.of(b.hardwarePageSize, b.hardwareCpu));
        }
        if (b.sizeBudget != null || b.wastedBytes != null) {
            d = d.withPolicy(new PolicyLimits(b.sizeBudget, b.wastedBytes));
        }
        return d;
    }

    /** Build settings given while nothing is built would be silently dropped: they are refused, named as the adapter names them. */
    private void refuseBuildOnly() {
        List<String> given = new ArrayList<>();
        if (b.dockerfile != null) {
            given.add(b.name("build.dockerfile"));
        }
        if (b.target != null) {
            given.add(b.name("build.target"));
        }
        if (!b.tags.isEmpty()) {
            given.add(b.name("build.tags"));
        }
        if (Boolean.TRUE.equals(b.push)) { // push: false (a form's unchecked box) asks for no push, which holds when nothing is built
            given.add(b.name("build.push"));
        }
        if (!b.buildArgs.isEmpty()) {
            given.add(b.name("build.args"));
        }
        if (!b.labels.isEmpty()) {
            given.add(b.name("build.labels"));
        }
        if (!b.annotations.isEmpty()) {
            given.add(b.name("build.annotations"));
        }
        if (!b.secrets.isEmpty()) {
            given.add(b.name("build.secrets"));
        }
        if (!b.cacheFrom.isEmpty()) {
            given.add(b.name("build.cache-from"));
        }
        if (!b.cacheTo.isEmpty()) {
            given.add(b.name("build.cache-to"));
        }
        if (b.provenance != null) {
            given.add(b.name("build.provenance"));
        }
        if (b.sbom != null) {
            given.add(b.name("build.sbom"));
        }
        if (Boolean.TRUE.equals(b.noCache)) {
            given.add(b.name("build.no-cache"));
        }
        if (Boolean.TRUE.equals(b.pull)) {
            given.add(b.name("build.pull"));
        }
        if (!given.isEmpty()) {
            throw ArchgateException.usage(String.join(", ", given) + " apply to a build, but nothing is built here: give "
                    + b.name("build.context") + " (or build: in archgate.yml), or leave them out when gating an image");
        }
    }

    /** The file's buildx settings with those given over them: labels merge as build arguments do, a list given replaces the file's. */
    private BuildOptions options(BuildOptions file) {
        Map<String, String> labels = new LinkedHashMap<>(file.labels());
        labels.putAll(b.labels);
        return new BuildOptions(labels, b.annotations.isEmpty() ? file.annotations() : b.annotations,
                b.secrets.isEmpty() ? file.secrets() : b.secrets, b.cacheFrom.isEmpty() ? file.cacheFrom() : b.cacheFrom,
                b.cacheTo.isEmpty() ? file.cacheTo() : b.cacheTo, b.provenance != null ? b.provenance : file.provenance(),
                b.sbom != null ? b.sbom : file.sbom(), b.noCache != null ? b.noCache : file.noCache(), b.pull != null ? b.pull : file.pull());
    }

    /**
     * The one smoke test the settings describe; it replaces the file's {@code smoke:} list. With a
     * command or an expectation the mode is a command run; an empty command runs the image's own
     * entrypoint.
     */
    private SmokeTest smokeTest() {
        List<String> command = b.smokeCommand == null ? List.of() : b.smokeCommand;
        SmokeTest.Mode mode = b.smokeMode != null ? b.smokeMode : SmokeTest.Mode.COMMAND;
        String name = command.isEmpty() ? mode.name().toLowerCase(java.util.Locale.ROOT) : String.join(" ", command);
        return new SmokeTest(name, mode, command, b.expectExit == null ? 0 : b.expectExit, b.expectStdout, "",
                b.timeout == null ? SmokeTest.DEFAULT_TIMEOUT : b.timeout, SmokeTest.DEFAULT_READY);
    }

    /** Each setter takes null (or an empty collection) for "not given". */
    public static final class Builder {
        private String image;
        private Path context;
        private Path dockerfile;
        private String platforms;
        private List<String> tags = List.of();
        private Boolean push;
        private Map<String, String> buildArgs = Map.of();
        private String target;
        private Map<String, String> labels = Map.of();
        private List<String> annotations = List.of();
        private List<String> secrets = List.of();
        private List<String> cacheFrom = List.of();
        private List<String> cacheTo = List.of();
        private String provenance;
        private String sbom;
        private Boolean noCache;
        private Boolean pull;
        private List<String> smokeCommand;
        private SmokeTest.Mode smokeMode;
        private Integer expectExit;
        private String expectStdout;
        private Duration timeout;
        private Boolean strictEmulation;
        private Boolean installEmulation;
        private Map<String, String> checks = Map.of();
        private List<String> ignorePaths = List.of();
        private Path reportDir;
        private List<String> promote = List.of();
        private List<String> insecureRegistries = List.of();
        private List<SmokeTest> smoke = List.of();
        private String builder;
        private Map<Platform, EngineEndpoint> engines = Map.of();
        private Map<Platform, String> emulationCpu = Map.of();
        private Map<String, String> hardwarePageSize = Map.of();
        private Map<String, String> hardwareCpu = Map.of();
        private Long sizeBudget;
        private Long wastedBytes;
        private Map<String, String> names = Map.of();

        private Builder() {}

        /**
         * What the adapter calls the settings its messages name, by archgate.yml key
         * ({@code build.context}, {@code build.dockerfile}, {@code build.target}, {@code build.tags},
         * {@code build.push}, {@code build.args}); a key left out is named as in archgate.yml.
         */
        public Builder settingNames(Map<String, String> v) {
            names = Map.copyOf(v);
            return this;
        }

        private String name(String key) {
            return names.getOrDefault(key, key);
        }

        /** Gate this image instead of building; it replaces a build of the file. */
        public Builder image(String v) {
            image = v;
            return this;
        }

        /** Build this context; it replaces an image of the file. */
        public Builder context(Path v) {
            context = v;
            return this;
        }

        public Builder dockerfile(Path v) {
            dockerfile = v;
            return this;
        }

        /** Comma-separated, as on a command line: {@code linux/amd64,linux/arm64}. */
        public Builder platforms(String v) {
            platforms = v;
            return this;
        }

        public Builder tags(List<String> v) {
            tags = copy(v);
            return this;
        }

        public Builder push(Boolean v) {
            push = v;
            return this;
        }

        /** Merged into the file's build arguments. */
        public Builder buildArgs(Map<String, String> v) {
            buildArgs = v == null ? Map.of() : Map.copyOf(v);
            return this;
        }

        public Builder target(String v) {
            target = v;
            return this;
        }

        /** build.labels, merged into the file's. */
        public Builder labels(Map<String, String> v) {
            labels = v == null ? Map.of() : Map.copyOf(v);
            return this;
        }

        /** build.annotations, as buildx's --annotation writes them; replaces the file's. */
        public Builder annotations(List<String> v) {
            annotations = copy(v);
            return this;
        }

        /** build.secrets, as buildx's --secret takes them ({@code id=ID,src=PATH} or {@code id=ID,env=VAR}); replaces the file's. */
        public Builder secrets(List<String> v) {
            secrets = copy(v);
            return this;
        }

        public Builder cacheFrom(List<String> v) {
            cacheFrom = copy(v);
            return this;
        }

        public Builder cacheTo(List<String> v) {
            cacheTo = copy(v);
            return this;
        }

        /** build.provenance: true, false or buildx's attestation options such as {@code mode=max}. */
        public Builder provenance(String v) {
            provenance = v;
            return this;
        }

        /** build.sbom: true, false or buildx's attestation options. */
        public Builder sbom(String v) {
            sbom = v;
            return this;
        }

        public Builder noCache(Boolean v) {
            noCache = v;
            return this;
        }

        public Builder pull(Boolean v) {
            pull = v;
            return this;
        }

        /**
         * Smoke tests that replace the file's {@code smoke:} list, for an adapter that takes several
         * (the Jenkins step); the single-test settings below describe one instead, so give one kind.
         */
        public Builder smoke(List<SmokeTest> v) {
            smoke = v == null ? List.of() : List.copyOf(v);
            return this;
        }

        /** The words of the smoke command (empty: the image's entrypoint). */
        public Builder smokeCommand(List<String> v) {
            smokeCommand = v == null ? null : List.copyOf(v);
            return this;
        }

        public Builder smokeMode(SmokeTest.Mode v) {
            smokeMode = v;
            return this;
        }

        public Builder expectExit(Integer v) {
            expectExit = v;
            return this;
        }

        public Builder expectStdout(String v) {
            expectStdout = v;
            return this;
        }

        public Builder timeout(Duration v) {
            timeout = v;
            return this;
        }

        public Builder strictEmulation(Boolean v) {
            strictEmulation = v;
            return this;
        }

        public Builder installEmulation(Boolean v) {
            installEmulation = v;
            return this;
        }

        /** Check ids to levels, validated like {@code checks:}, merged into the file's. */
        public Builder checks(Map<String, String> v) {
            checks = v == null ? Map.of() : new LinkedHashMap<>(v);
            return this;
        }

        public Builder ignorePaths(List<String> v) {
            ignorePaths = copy(v);
            return this;
        }

        public Builder reportDir(Path v) {
            reportDir = v;
            return this;
        }

        public Builder promote(List<String> v) {
            promote = copy(v);
            return this;
        }

        public Builder insecureRegistries(List<String> v) {
            insecureRegistries = copy(v);
            return this;
        }

        /** The buildx builder (build.builder). */
        public Builder builder(String v) {
            builder = v;
            return this;
        }

        /** Per platform, the engine that runs its smoke tests; merged into the file's engines: platform by platform. */
        public Builder engines(Map<Platform, EngineEndpoint> v) {
            engines = v == null ? Map.of() : Map.copyOf(v);
            return this;
        }

        /** Per platform, the QEMU CPU model to emulate; merged into the file's emulation.cpu platform by platform. */
        public Builder emulationCpu(Map<Platform, String> v) {
            emulationCpu = v == null ? Map.of() : Map.copyOf(v);
            return this;
        }

        /** Per platform, the page size its files must load under (hardware.page-size: 4k, 16k, 64k), checked when applied. */
        public Builder hardwarePageSize(Map<String, String> v) {
            hardwarePageSize = v == null ? Map.of() : Map.copyOf(v);
            return this;
        }

        /** Per platform, the CPU of its oldest machine (hardware.cpu: cortex-a72, z14, power9, x86-64-v2 ...), checked when applied. */
        public Builder hardwareCpu(Map<String, String> v) {
            hardwareCpu = v == null ? Map.of() : Map.copyOf(v);
            return this;
        }

        /** policy.size-budget, in bytes ({@link ByteSizes#parse} reads what people write). */
        public Builder sizeBudget(Long v) {
            sizeBudget = v;
            return this;
        }

        /** policy.wasted-bytes, in bytes. */
        public Builder wastedBytes(Long v) {
            wastedBytes = v;
            return this;
        }

        /**
         * An immutable snapshot: later calls on this builder do not change it.
         *
         * @throws IllegalStateException when both a list of smoke tests and single-test settings were given
         */
        public SpecOverrides build() {
            if (!smoke.isEmpty() && smokeGiven()) {
                throw new IllegalStateException("smoke tests given both as a list and as one test's settings");
            }
            Builder c = new Builder();
            c.image = image;
            c.context = context;
            c.dockerfile = dockerfile;
            c.platforms = platforms;
            c.tags = tags;
            c.push = push;
            c.buildArgs = Map.copyOf(buildArgs);
            c.target = target;
            c.labels = labels;
            c.annotations = annotations;
            c.secrets = secrets;
            c.cacheFrom = cacheFrom;
            c.cacheTo = cacheTo;
            c.provenance = provenance;
            c.sbom = sbom;
            c.noCache = noCache;
            c.pull = pull;
            c.smokeCommand = smokeCommand;
            c.smokeMode = smokeMode;
            c.expectExit = expectExit;
            c.expectStdout = expectStdout;
            c.timeout = timeout;
            c.strictEmulation = strictEmulation;
            c.installEmulation = installEmulation;
            c.checks = Map.copyOf(checks);
            c.ignorePaths = ignorePaths;
            c.reportDir = reportDir;
            c.promote = promote;
            c.insecureRegistries = insecureRegistries;
            c.smoke = smoke;
            c.builder = builder;
            c.engines = engines;
            c.emulationCpu = emulationCpu;
            c.hardwarePageSize = hardwarePageSize;
            c.hardwareCpu = hardwareCpu;
            c.sizeBudget = sizeBudget;
            c.wastedBytes = wastedBytes;
            c.names = names;
            return new SpecOverrides(c);
        }

        private boolean optionsGiven() {
            return !labels.isEmpty() || !annotations.isEmpty() || !secrets.isEmpty() || !cacheFrom.isEmpty() || !cacheTo.isEmpty()
                    || provenance != null || sbom != null || noCache != null || pull != null;
        }

        private boolean smokeGiven() {
            return smokeCommand != null || smokeMode != null || expectExit != null || expectStdout != null || timeout != null;
        }

        private static List<String> copy(List<String> v) {
            return v == null ? List.of() : List.copyOf(v);
        }
    }
}
