package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.spec.BuildOptions;
import dev.archgate.spec.EngineEndpoint;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.PolicyLimits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** archgate gate's flags for where work runs and the policy limits, laid over archgate.yml as the command parses them. */
class GateFlagsTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @TempDir
    Path dir;

    private GateSpec spec(String... flags) throws Exception {
        Path config = dir.resolve("archgate.yml");
        Files.writeString(config, """
                version: 1
                build: {context: ., builder: from-file}
                platforms: [linux/amd64, linux/arm64]
                engines: {linux/arm64: "tcp://arm-host:2376"}
                emulation: {cpu: {linux/arm64: cortex-a53}}
                policy: {size-budget: 150MiB}
                report: {dir: reports}
                """);
        String[] args = Stream.concat(Stream.of("gate", "--config", config.toString()), Stream.of(flags)).toArray(String[]::new);
        GateCommand gate = (GateCommand) ArchgateCommand.newCommandLine().parseArgs(args).subcommand().commandSpec().userObject();
        return gate.spec();
    }

    @Test
    void flagsOverrideTheFilesKeysAndTheEnginesAndCpuModelsMergePlatformByPlatform() throws Exception {
        GateSpec s = spec("--builder", "fleet", "--engine", "linux/amd64=tcp://x86-host:2376", "--emulation-cpu", "linux/arm64=cortex-a72",
                "--size-budget", "1MiB", "--wasted-bytes", "2MiB", "--report-dir", dir.resolve("elsewhere").toString());

        assertThat(s.machines().builder()).isEqualTo("fleet");
        assertThat(s.machines().engines()).isEqualTo(Map.of(ARM64, EngineEndpoint.of("tcp://arm-host:2376"),
                AMD64, EngineEndpoint.of("tcp://x86-host:2376")));
        assertThat(s.emulationCpu()).isEqualTo(Map.of(ARM64, "cortex-a72"));
        assertThat(s.policy()).isEqualTo(new PolicyLimits(1024L * 1024, 2L * 1024 * 1024));
        assertThat(s.reportDir()).isEqualTo(dir.resolve("elsewhere"));
    }

    @Test
    void buildxFlagsUnderBuildxNamesSetTheBuildsOptions() throws Exception {
        GateSpec s = spec("--label", "a=1", "--annotation", "index:x=y", "--secret", "id=npm,src=/run/npm", "--cache-from", "type=gha",
                "--cache-to", "type=gha,mode=max", "--provenance", "mode=max", "--sbom", "true", "--no-cache", "--pull");

        assertThat(s.build().options()).isEqualTo(new BuildOptions(Map.of("a", "1"), List.of("index:x=y"), List.of("id=npm,src=/run/npm"),
                List.of("type=gha"), List.of("type=gha,mode=max"), "mode=max", "true", true, true));
    }

    @Test
    void buildxFlagsAreRefusedUnderTheirOwnNamesWhenAnImageIsGated() {
        assertThatThrownBy(() -> spec("--image", "r.example/app:1", "--label", "a=1", "--no-cache"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageStartingWith("--label, --no-cache apply to a build");
    }

    @Test
    void withoutTheFlagsTheFilesValuesStand() throws Exception {
        GateSpec s = spec();

        assertThat(s.machines().builder()).isEqualTo("from-file");
        assertThat(s.machines().engines()).isEqualTo(Map.of(ARM64, EngineEndpoint.of("tcp://arm-host:2376")));
        assertThat(s.emulationCpu()).isEqualTo(Map.of(ARM64, "cortex-a53"));
        assertThat(s.policy()).isEqualTo(new PolicyLimits(150L * 1024 * 1024, PolicyLimits.DEFAULT_WASTED_BYTES));
        assertThat(s.reportDir()).isEqualTo(dir.resolve("reports"));
    }

    @Test
    void aBadEngineFlagIsOneSentenceNamingTheFlag() {
        assertThatThrownBy(() -> spec("--engine", "linux/sparc=tcp://h:2376")).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessageStartingWith("--engine: unknown platform 'linux/sparc'");
        assertThatThrownBy(() -> spec("--size-budget", "lots")).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessageStartingWith("--size-budget is 'lots'");
    }

    /** The contract: bad usage exits 2 with one sentence; build flags beside --image were dropped without a word before. */
    @Test
    void buildFlagsBesideAnImageAreRefusedWithExitTwoAndOneSentence() {
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = ArchgateCommand.newCommandLine("gate");
        cl.setErr(new java.io.PrintWriter(err));

        int status = cl.execute("gate", "--image", "127.0.0.1:5000/team/app:1", "--platforms", "linux/amd64", "--tag",
                "127.0.0.1:5000/team/app:2", "--push");

        assertThat(status).isEqualTo(ArchgateCommand.EXIT_USAGE);
        assertThat(err.toString().strip()).isEqualTo("archgate: --tag, --push apply to a build, but nothing is built here: give --context DIR "
                + "(or build: in archgate.yml), or leave them out when gating an image");
    }

    /** A report directory that is a file: the sentence says what is in the way, never the JDK's exception class (FileAlreadyExistsException). */
    @Test
    void aReportDirectoryThatCannotBeMadeIsNamedWithoutAJavaClassName() throws Exception {
        Path aFile = Files.writeString(dir.resolve("a-file"), "");
        java.io.StringWriter err = new java.io.StringWriter();
        picocli.CommandLine cl = ArchgateCommand.newCommandLine("audit");
        cl.setErr(new java.io.PrintWriter(err));

        int status = cl.execute("audit", "oci:" + dir.resolve("no-layout"), "--platforms", "linux/amd64", "--report-dir", aFile.toString());

        assertThat(status).isEqualTo(ArchgateCommand.EXIT_USAGE);
        assertThat(err.toString().strip()).isEqualTo("archgate: cannot write the reports to " + aFile + " (" + aFile
                + " is in the way: it exists and is not a directory): choose a writable --report-dir");
    }
}
