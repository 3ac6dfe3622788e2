package dev.archgate.cli;

import dev.archgate.gate.Gate;
import dev.archgate.report.GitHubAnnotations;
import dev.archgate.spec.CpuOverride;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.Settings;
import dev.archgate.spec.SettingsBuilder;
import dev.archgate.spec.SpecAssembler;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code archgate gate}: lint, build, audit and smoke every platform, decide, report, and only
 * then promote. Reads archgate.yml when there is one; every flag overrides its key.
 */
@Command(name = "gate", mixinStandardHelpOptions = true,
        description = {"The release gate: lint the Dockerfile, build every platform with buildx (or take --image), audit and smoke-test "
                + "each platform under strict QEMU emulation, write the reports, and promote the tested digest only when all pass.",
            "Settings come from archgate.yml (--config, default ./archgate.yml when present); each flag overrides its key."})
final class GateCommand implements Callable<Integer> {
    /** The flags of the build settings, for the message that refuses them when nothing is built. */
    /** The flags by archgate.yml's keys, for the messages that name them. */
    private static final SpecAssembler SETTINGS = new SpecAssembler(Map.ofEntries(Map.entry("image", "--image REF"),
            Map.entry("platforms", "--platforms"), Map.entry("config", "--config"), Map.entry("build.context", "--context DIR"),
            Map.entry("build.dockerfile", "--file"), Map.entry("build.target", "--target"), Map.entry("build.tags", "--tag"),
            Map.entry("build.push", "--push"), Map.entry("build.args", "--build-arg"), Map.entry("build.labels", "--label"),
            Map.entry("build.annotations", "--annotation"), Map.entry("build.secrets", "--secret"),
            Map.entry("build.cache-from", "--cache-from"), Map.entry("build.cache-to", "--cache-to"),
            Map.entry("build.provenance", "--provenance"), Map.entry("build.sbom", "--sbom"), Map.entry("build.no-cache", "--no-cache"),
            Map.entry("build.pull", "--pull")));

    static final class Source {
        @Option(names = "--image", paramLabel = "REF", description = "Gate an existing image instead of building.")
        String image;

        @Option(names = "--context", paramLabel = "DIR", description = "Build this context with docker buildx.")
        Path context;
    }

    @ArgGroup(exclusive = true)
    Source source;

    @Option(names = {"-f", "--file"}, paramLabel = "DOCKERFILE", description = "The Dockerfile (default: DIR/Dockerfile).")
    Path dockerfile;

    @Option(names = "--config", paramLabel = "FILE", description = "archgate.yml to read (default: ./archgate.yml when present).")
    Path config;

    @Option(names = "--platforms", paramLabel = "LIST", description = "Platforms, e.g. linux/amd64,linux/arm64 (overrides platforms:).")
    String platforms;

    @Option(names = "--tag", paramLabel = "REF", description = "Where the build goes (repeatable; overrides build.tags).")
    List<String> tags = new ArrayList<>();

    @Option(names = "--push", description = "Push the build to its tags and gate it by digest (build.push).")
    Boolean push;

    @Option(names = "--build-arg", paramLabel = "KEY=VALUE", description = "A build argument (repeatable; merged into build.args).")
    Map<String, String> buildArgs = new LinkedHashMap<>();

    @Option(names = "--smoke", paramLabel = "CMD", split = "\\s+",
            description = "A smoke command run on every platform, words separated by spaces (replaces smoke:).")
    List<String> smokeCommand;

    @Option(names = "--expect-stdout", paramLabel = "REGEX", description = "What --smoke must print.")
    String expectStdout;

    @Option(names = "--strict-emulation", negatable = true, description = "Strict emulation (emulation.strict; default on).")
    Boolean strict;

    @Option(names = "--emulation-cpu", paramLabel = "PLATFORM=MODEL", description = "The QEMU CPU model strict smoke runs of a "
            + "platform emulate instead of its baseline, e.g. linux/arm64=cortex-a72 (repeatable; merged into emulation.cpu).")
    Map<String, String> emulationCpu = new LinkedHashMap<>();

    @Option(names = "--target", paramLabel = "STAGE", description = "The Dockerfile stage to build (build.target).")
    String target;

    @Option(names = "--label", paramLabel = "KEY=VALUE", description = "A label of the built image (repeatable; merged into build.labels).")
    Map<String, String> labels = new LinkedHashMap<>();

    @Option(names = "--annotation", paramLabel = "ANNOTATION", description = "An annotation as buildx writes it, e.g. "
            + "index:key=value (repeatable; overrides build.annotations).")
    List<String> annotations = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "SPEC", description = "A build secret as buildx takes it: id=ID,src=PATH or id=ID,env=VAR "
            + "(repeatable; overrides build.secrets).")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--cache-from", paramLabel = "SPEC", description = "A cache source as buildx takes it, e.g. type=gha "
            + "(repeatable; overrides build.cache-from).")
    List<String> cacheFrom = new ArrayList<>();

    @Option(names = "--cache-to", paramLabel = "SPEC", description = "A cache destination as buildx takes it, e.g. type=inline "
            + "(repeatable; overrides build.cache-to).")
    List<String> cacheTo = new ArrayList<>();

    @Option(names = "--provenance", paramLabel = "VALUE", description = "The provenance attestation: true, false or buildx's "
            + "options such as mode=max (build.provenance).")
    String provenance;

    @Option(names = "--sbom", paramLabel = "VALUE", description = "The SBOM attestation: true, false or buildx's options (build.sbom).")
    String sbom;

    @Option(names = "--no-cache", description = "Build without the build cache (build.no-cache).")
    Boolean noCache;

    @Option(names = "--pull", description = "Pull every base image again (build.pull).")
    Boolean pull;

    @Option(names = "--install-emulation", negatable = true, description = "Register missing QEMU handlers before the smoke runs "
            + "(emulation.install).")
    Boolean installEmulation;

    @Option(names = "--check", paramLabel = "ID=LEVEL", description = "Severity of a check: error, warning, info or off (repeatable; "
            + "merged into checks:).")
    Map<String, String> checks = new LinkedHashMap<>();

    @Option(names = "--ignore-path", paramLabel = "GLOB", description = "Image paths the file checks leave alone (repeatable; "
            + "overrides checks.ignore-paths).")
    List<String> ignorePaths = new ArrayList<>();

    @Option(names = "--promote", paramLabel = "REF", description = "Tag to write on a pass (repeatable; overrides promote:).")
    List<String> promote = new ArrayList<>();

    @Option(names = "--builder", paramLabel = "NAME", description = "The buildx builder to build with (build.builder; default: "
            + "buildx's current one).")
    String builder;

    @Mixin
    EngineOptions engines;

    @Mixin
    RegistryOptions registries;

    @Mixin
    PolicyOptions policy;

    @Mixin
    ReportOutput output;

    @Mixin
    ProgressOption progress;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        GateSpec gateSpec = spec();
        PrintWriter err = spec.commandLine().getErr();
        boolean github = "true".equals(System.getenv("GITHUB_ACTIONS"));
        if (github) {
            err.println("::group::archgate build and checks");
        }
        output.reportDir = gateSpec.reportDir(); // --report-dir over report.dir, as the spec merged them
        output.prepare();
        try (Progress view = progress.open(err, gateSpec.platforms(), System.getenv())) {
            return CliHost.with(host -> SignalledRun.await(Gate.start(host, gateSpec, view), report -> {
                view.close(); // the view's last state stays on the screen, the summary follows
                if (github) {
                    err.println("::endgroup::");
                    GitHubAnnotations.render(report).forEach(err::println);
                }
                return output.emit(report, spec.commandLine().getOut());
            }));
        }
    }

    GateSpec spec() {
        SettingsBuilder settings = Settings.builder()
                .config(config == null ? null : config.toString())
                .image(source == null ? null : source.image)
                .context(source == null ? null : source.context)
                .dockerfile(dockerfile)
                .platforms(platforms)
                .tags(tags)
                .push(push)
                .buildArgs(buildArgs)
                .target(target)
                .labels(labels)
                .annotations(annotations)
                .secrets(secrets)
                .cacheFrom(cacheFrom)
                .cacheTo(cacheTo)
                .provenance(provenance)
                .sbom(sbom)
                .noCache(noCache)
                .pull(pull)
                .smokeCommand(smokeCommand)
                .expectStdout(smokeCommand == null ? null : expectStdout)
                .strictEmulation(strict)
                .installEmulation(installEmulation)
                .emulationCpu(CpuOverride.all(emulationCpu, "--emulation-cpu"))
                .checks(checks)
                .ignorePaths(ignorePaths)
                .promote(promote)
                .reportDir(output.reportDir)
                .insecureRegistries(registries.insecure)
                .builder(builder);
        return SETTINGS.spec(SETTINGS.draft(Path.of(""), System::getenv, policy.addTo(engines.addTo(settings)).build()));
    }
}
