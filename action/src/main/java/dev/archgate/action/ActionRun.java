package dev.archgate.action;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Report;
import dev.archgate.findings.Verdict;
import dev.archgate.gate.ExitStatus;
import dev.archgate.gate.Gate;
import dev.archgate.gate.ProgressLines;
import dev.archgate.host.Host;
import dev.archgate.report.ArchgateVersion;
import dev.archgate.report.GitHubAnnotations;
import dev.archgate.report.ReportFiles;
import dev.archgate.report.ReportText;
import dev.archgate.report.SummaryMarkdown;
import dev.archgate.spec.GateSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One step of a workflow: inputs in, the gate (or, with {@code merge-reports}, the merge of split
 * runs' reports), then what GitHub shows: the log (the build in a
 * collapsed group), annotations, the job summary, the step's outputs, and the contract's exit
 * status. The password input is masked before anything else is printed, and written nowhere;
 * build secrets are masked too and live in files of their own only while the gate runs;
 * registry logins reach docker and jib through {@link CredentialHelper}, from the environment.
 */
final class ActionRun {
    private final Host host;
    private final Map<String, String> env;
    private final PrintWriter out;

    /** @param host the machine the gate runs against, built from the same environment */
    ActionRun(Host host, Map<String, String> env, PrintWriter out) {
        this.host = host;
        this.env = Map.copyOf(env);
        this.out = out;
    }

    int run() throws InterruptedException {
        Inputs in = new Inputs(env);
        WorkflowCommands.mask(out, in.raw("password"));
        out.println("archgate " + ArchgateVersion.current()); // which archgate ran, first in the step's log
        Path workspace = Path.of(env.getOrDefault("GITHUB_WORKSPACE", "")).toAbsolutePath();
        Map<String, String> outputs = new LinkedHashMap<>();
        int status;
        try {
            CredentialHelper.requireComplete(in);
            String warning = CredentialHelper.configure(in, env);
            if (warning != null) {
                out.println("::warning title=archgate::" + WorkflowCommands.escape(warning));
            }
            Report report;
            Path reports;
            if (ActionMerge.requested(in)) {
                ActionMerge merge = ActionMerge.from(in, workspace);
                report = merge(merge);
                reports = merge.reportDir();
            } else {
                try (BuildSecrets secrets = BuildSecrets.from(in, workspace)) {
                    secrets.values().forEach(v -> WorkflowCommands.mask(out, v));
                    GateSpec spec = ActionSpec.from(in, workspace, env::get, secrets.specs());
                    report = gate(spec);
                    reports = spec.reportDir();
                }
            }
            status = ExitStatus.of(report.verdict());
            writeReports(report, reports, workspace);
            outputs.put("result", report.verdict().id());
            outputs.put("exit-code", String.valueOf(status));
            outputs.put("digest", report.digest() == null ? "" : report.digest());
            outputs.put("failed-platforms", report.platforms().stream().filter(p -> p.verdict() != Verdict.PASS)
                    .map(p -> p.platform().toString()).collect(Collectors.joining(",")));
            outputs.put("report-dir", shown(reports, workspace));
            outputs.putAll(BuildOutputs.of(report));
        } catch (RuntimeException e) {
            status = ExitStatus.of(e);
            if (e instanceof ArchgateException) {
                out.println("::error title=archgate::" + WorkflowCommands.escape(e.getMessage()));
            } else {
                out.println("::error title=archgate::internal error, please report it with the trace in this log");
                e.printStackTrace(out);
            }
            outputs.put("result", Verdict.ERROR.id());
            outputs.put("exit-code", String.valueOf(status));
            outputs.put("digest", "");
            outputs.put("failed-platforms", "");
            outputs.put("report-dir", "");
            outputs.putAll(BuildOutputs.of(null));
        }
        out.flush();
        writeOutputs(outputs);
        return status;
    }

    private Report gate(GateSpec spec) throws InterruptedException {
        out.println(WorkflowCommands.group("archgate: " + (spec.build() != null ? "build and checks" : "checks of " + spec.image())));
        // The build's own output (a RUN step may print "::add-mask::" or "::set-output") is not
        // taken as workflow commands: the runner ignores them until the token comes back.
        String token = WorkflowCommands.stopCommands(out);
        out.flush();
        Report report;
        try {
            report = Gate.run(host, spec, new ProgressLines(out));
        } finally {
            out.println(WorkflowCommands.resumeCommands(token));
            out.println(WorkflowCommands.endGroup());
        }
        return logged(report);
    }

    private Report merge(ActionMerge merge) throws InterruptedException {
        out.println(WorkflowCommands.group("archgate: merge of " + merge.reports().size() + " reports"));
        out.flush();
        Report report;
        try {
            report = Gate.merge(host, merge.reports(), merge.platforms(), merge.promote(), new ProgressLines(out));
        } finally {
            out.println(WorkflowCommands.endGroup());
        }
        return logged(report);
    }

    /** The verdict in the log and the findings as annotations, for a gate and a merge alike. */
    private Report logged(Report report) {
        out.print(ReportText.render(report));
        GitHubAnnotations.render(report).forEach(out::println);
        out.flush();
        return report;
    }

    private void writeReports(Report report, Path dir, Path workspace) {
        try {
            ReportFiles.write(report, dir);
            WorkspaceOwner.give(dir, workspace);
        } catch (IOException e) {
            throw ArchgateException.usage("cannot write the reports to " + dir + " (" + e.getMessage() + "): set the input 'report-dir' to a "
                    + "writable directory in the workspace");
        }
        String summaryFile = env.get("GITHUB_STEP_SUMMARY");
        if (summaryFile == null || summaryFile.isBlank()) {
            return;
        }
        try {
            StepSummary.append(Path.of(summaryFile), SummaryMarkdown.render(report),
                    shown(dir, workspace) + "/" + ReportFiles.SUMMARY + " (and report.json) in the workspace");
        } catch (IOException e) {
            out.println("::warning title=archgate::cannot append the job summary to " + summaryFile + ": " + e.getMessage());
        }
    }

    private void writeOutputs(Map<String, String> outputs) {
        String file = env.get("GITHUB_OUTPUT");
        if (file == null || file.isBlank()) {
            return;
        }
        try {
            OutputFile.append(Path.of(file), outputs);
        } catch (IOException e) {
            out.println("::warning title=archgate::cannot write the step's outputs to " + file + ": " + e.getMessage());
        }
    }

    /**
     * A path as the workflow names it: relative to the workspace, also when it lies outside (a
     * container path such as /tmp/x means nothing to the steps after this one; ../x under the
     * workspace's parent is where the runner's own paths are).
     */
    static String shown(Path p, Path workspace) {
        Path abs = p.toAbsolutePath().normalize();
        return abs.equals(workspace) ? "." : workspace.relativize(abs).toString();
    }
}
