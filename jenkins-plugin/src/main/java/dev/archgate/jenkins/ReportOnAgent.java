package dev.archgate.jenkins;

import dev.archgate.ArchgateException;
import dev.archgate.gate.ProgressLines;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.findings.Report;
import dev.archgate.report.ReportFiles;
import dev.archgate.report.ReportText;
import hudson.AbortException;
import hudson.model.TaskListener;
import hudson.remoting.VirtualChannel;
import java.io.File;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import jenkins.MasterToSlaveFileCallable;

/**
 * A step's work on the agent that holds the workspace (and the Docker engine and registry login the engine needs),
 * ending in a report: the report files are written into the workspace and what the controller publishes goes back.
 * A user mistake or an environment the engine cannot check with becomes an {@link AbortException} carrying the
 * engine's one sentence.
 */
abstract class ReportOnAgent extends MasterToSlaveFileCallable<GateOutcome> {
    private static final long serialVersionUID = 1L;

    private final TaskListener listener;

    ReportOnAgent(TaskListener listener) {
        this.listener = listener;
    }

    /** The work in {@code workspace} (absolute), its progress in {@code log}; {@link #finish} makes its outcome. */
    abstract GateOutcome work(Path workspace, PrintStream log) throws IOException, InterruptedException;

    @Override
    public final GateOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        try {
            return work(workspace.toPath().toAbsolutePath(), listener.getLogger());
        } catch (ArchgateException e) {
            // It carries the sentence for the user; its type stays on the agent (the remoting class
            // filter would refuse it), its message goes back.
            throw new AbortException("archgate: " + e.getMessage());
        }
    }

    /**
     * The report files written into {@code reportDir}, the report's text in the build log, and the outcome with the
     * report directory relative to the workspace.
     */
    static GateOutcome finish(Report report, Path reportDir, Path workspace, boolean unstableOnWarning, PrintStream log)
            throws IOException {
        ReportFiles.write(report, reportDir);
        log.print(ReportText.render(report));
        log.flush();
        return GateOutcome.of(report, unstableOnWarning,
                workspace.relativize(reportDir.toAbsolutePath()).toString().replace(File.separatorChar, '/'));
    }

    /** The build log's remote end as the engine's progress listener: on an agent, lines show up as they happen. */
    static ProgressLines progress(PrintStream log) {
        return new ProgressLines(new PrintWriter(new OutputStreamWriter(log, StandardCharsets.UTF_8), true), "[archgate] ");
    }
}
