package dev.archgate.cli;

import dev.archgate.gate.Gate;
import dev.archgate.gate.GateListener;
import dev.archgate.spec.Settings;
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

/** {@code archgate audit REF}: the static audit, nothing runs. */
@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"Prove from the stored image that each platform's variant can run on its platform: index entry, "
                + "config and the ELF headers of what it executes must agree; and the image design checks (size, wasted bytes, "
                + "build leftovers, user). Nothing runs.",
            "REF is a registry reference, or docker-daemon:NAME, oci:DIR[:REF], oci-archive:FILE[:REF]."})
final class AuditCommand implements Callable<Integer> {
    @Parameters(paramLabel = "REF", description = "The image to audit.")
    String image;

    @Option(names = "--platforms", required = true, paramLabel = "LIST", description = "Platforms to check, e.g. linux/amd64,linux/arm64.")
    String platforms;

    @Option(names = "--ignore-path", paramLabel = "GLOB", description = "Image paths the file checks leave alone (repeatable).")
    List<String> ignorePaths = new ArrayList<>();

    @Mixin
    RegistryOptions registries;

    @Mixin
    PolicyOptions policy;

    @Mixin
    ReportOutput output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        Settings settings = policy.addTo(Settings.builder().image(image).platforms(platforms).ignorePaths(ignorePaths)
                .insecureRegistries(registries.insecure)).build();
        var gateSpec = SpecAssembler.IN_FILE_NAMES.apply(settings, SpecDraft.empty()).toSpec();
        output.prepare();
        return CliHost.with(host -> SignalledRun.await(Gate.startAudit(host, gateSpec, GateListener.SILENT),
                r -> output.emit(r, spec.commandLine().getOut())));
    }
}
