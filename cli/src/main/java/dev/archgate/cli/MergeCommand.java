package dev.archgate.cli;

import dev.archgate.gate.Gate;
import dev.archgate.platform.Platform;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code archgate merge REPORT.json...}: one verdict from split runs, then the promotion. */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge the report.json files of runs that each checked some platforms of one image (on different "
                + "machines or engines) into one report and one verdict; on a pass, write the --promote tags.",
            "Reports about different digests are refused; a platform of --platforms that no report checked is an error."})
final class MergeCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "REPORT", description = "The report.json of each split run.")
    List<Path> reports = new ArrayList<>();

    @Option(names = "--platforms", required = true, paramLabel = "LIST",
            description = "The platforms the release requires, e.g. linux/amd64,linux/arm64.")
    String platforms;

    @Option(names = "--promote", paramLabel = "REF", description = "A release tag to write when the merged verdict passes (repeatable).")
    List<String> promote = new ArrayList<>();

    @Mixin
    ReportOutput output;

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        output.prepare();
        PrintWriter err = spec.commandLine().getErr();
        var merged = CliHost.with(host -> Gate.merge(host, reports, Platform.parseList(platforms), promote, line -> {
            err.println(line);
            err.flush();
        }));
        return output.emit(merged, spec.commandLine().getOut());
    }
}
