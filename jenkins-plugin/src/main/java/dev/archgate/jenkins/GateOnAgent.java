package dev.archgate.jenkins;

import dev.archgate.gate.Gate;
import dev.archgate.gate.GateException;
import dev.archgate.gate.GateRun;
import dev.archgate.gate.ProgressLines;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import dev.archgate.report.Report;
import dev.archgate.report.ReportFiles;
import dev.archgate.report.ReportText;
import dev.archgate.spec.GateSpec;
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
import java.util.HashMap;
import java.util.Map;
import jenkins.MasterToSlaveFileCallable;

/**
 * The gate, run on the agent that holds the workspace and the Docker engine (the controller needs neither): it reads
 * the parameters into a spec, runs the engine with its progress streamed to the build log, writes the report files
 * into the workspace and returns what the controller publishes. A user mistake or an environment the engine cannot
 * check with becomes an {@link AbortException} carrying the engine's one sentence. When the controller aborts the
 * build, remoting interrupts this thread; the gate is then cancelled, and this returns only once its containers are
 * removed.
 */
final class GateOnAgent extends MasterToSlaveFileCallable<GateOutcome> {
    private static final long serialVersionUID = 1L;

    private final GateParameters parameters;
    private final HashMap<String, String> environment;
    private final TaskListener listener;

    GateOnAgent(GateParameters parameters, Map<String, String> environment, TaskListener listener) {
        this.parameters = parameters;
        this.environment = new HashMap<>(environment);
        this.listener = listener;
    }

    @Override
    public GateOutcome invoke(File workspace, VirtualChannel channel) throws IOException, InterruptedException {
        PrintStream log = listener.getLogger();
        Path root = workspace.toPath().toAbsolutePath();
        try {
            GateSpec spec = parameters.toSpec(root, environment::get);
            // On an agent the stream is the build log's remote end: lines show up as they happen.
            GateRun run = Gate.start(spec, new ProgressLines(new PrintWriter(new OutputStreamWriter(log, StandardCharsets.UTF_8), true),
                    "[archgate] "));
            Report report;
            try {
                report = run.await();
            } catch (InterruptedException e) {
                run.cancel();
                throw e;
            }
            ReportFiles.write(report, spec.reportDir());
            log.print(ReportText.render(report));
            log.flush();
            return GateOutcome.of(report, parameters.isUnstableOnWarning(),
                    root.relativize(spec.reportDir().toAbsolutePath()).toString().replace(File.separatorChar, '/'));
        } catch (GateException | IllegalArgumentException e) {
            // SpecException, UnknownPlatformException and GateException carry the sentence for the user; their types
            // stay on the agent (the remoting class filter would refuse them), their message goes back.
            throw new AbortException("archgate: " + e.getMessage());
        }
    }
}
