package dev.archgate.cli;

import dev.archgate.gate.Gate;
import dev.archgate.gate.GateListener;
import dev.archgate.spec.CpuOverride;
import dev.archgate.spec.Durations;
import dev.archgate.spec.Settings;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecAssembler;
import dev.archgate.spec.SpecDraft;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code archgate smoke REF -- CMD}: run each platform's variant under QEMU, strictly. */
@Command(name = "smoke", mixinStandardHelpOptions = true,
        description = {"Run each platform's variant of the image in a hardened container under QEMU, with strict emulation "
                + "(the entrypoint runs through the platform's own QEMU, so foreign code fails as on real hardware).",
            "Without -- CMD, the image's entrypoint must start: exit 0, or still run after --ready."})
final class SmokeCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REF", description = "The image: a registry reference or docker-daemon:NAME.")
    String image;

    @Parameters(index = "1..*", paramLabel = "CMD", description = "The command to run in each variant (after --).")
    List<String> command = new ArrayList<>();

    @Option(names = "--platforms", required = true, paramLabel = "LIST", description = "Platforms to run, e.g. linux/amd64,linux/arm64.")
    String platforms;

    @Option(names = "--strict-emulation", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Start the entrypoint through the platform's own QEMU (default: on).")
    boolean strict;

    @Option(names = "--emulation-cpu", paramLabel = "PLATFORM=MODEL", description = "The QEMU CPU model to emulate for a platform "
            + "instead of its baseline, e.g. linux/arm64=cortex-a72 (repeatable).")
    java.util.Map<String, String> emulationCpu = new java.util.LinkedHashMap<>();

    @Option(names = "--service", description = "The entrypoint is a server: it must still be running after --ready.")
    boolean service;

    @Option(names = "--expect-exit", paramLabel = "N", defaultValue = "0", description = "Expected exit status (default: 0).")
    int exitCode;

    @Option(names = "--expect-stdout", paramLabel = "REGEX", description = "A pattern standard output must match.")
    String stdout;

    @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "60s", description = "Longest run of a command (default: 60s).")
    String timeout;

    @Option(names = "--ready", paramLabel = "DURATION", defaultValue = "5s", description = "Time a service must keep running (default: 5s).")
    String ready;

    @Mixin
    EngineOptions engines;

    @Mixin
    RegistryOptions registries;

    @Mixin
    ReportOutput output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        SmokeTest.Mode mode = service ? SmokeTest.Mode.SERVICE : command.isEmpty() && stdout == null ? SmokeTest.Mode.START : SmokeTest.Mode.COMMAND;
        SmokeTest test = new SmokeTest(command.isEmpty() ? "entrypoint" : String.join(" ", command), mode, command, exitCode, stdout, "",
                Durations.parse(timeout, "--timeout"), Durations.parse(ready, "--ready"));
        Settings settings = engines.addTo(Settings.builder().image(image).platforms(platforms).smoke(List.of(test)).strictEmulation(strict)
                .insecureRegistries(registries.insecure).emulationCpu(CpuOverride.all(emulationCpu, "--emulation-cpu")))
                .build();
        var gateSpec = SpecAssembler.IN_FILE_NAMES.apply(settings, SpecDraft.empty()).toSpec();
        output.prepare();
        return CliHost.with(host -> SignalledRun.await(Gate.startSmoke(host, gateSpec, GateListener.SILENT),
                r -> output.emit(r, spec.commandLine().getOut())));
    }
}
