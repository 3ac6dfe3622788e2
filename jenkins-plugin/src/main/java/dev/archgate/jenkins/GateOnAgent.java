package dev.archgate.jenkins;

import dev.archgate.gate.Gate;
import dev.archgate.gate.GateRun;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import dev.archgate.report.Report;
import dev.archgate.spec.GateSpec;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The gate, run on the agent that holds the workspace and the Docker engine (the controller needs neither): it reads
 * the parameters into a spec and runs the engine with its progress streamed to the build log. When the controller
 * aborts the build, remoting interrupts this thread; the gate is then cancelled, and this returns only once its
 * containers are removed.
 */
final class GateOnAgent extends ReportOnAgent {
    private static final long serialVersionUID = 1L;

    private final GateParameters parameters;
    private final HashMap<String, String> environment;
    private final String defaultReportDir;

    GateOnAgent(GateParameters parameters, String defaultReportDir, Map<String, String> environment, TaskListener listener) {
        super(listener);
        this.parameters = parameters;
        this.defaultReportDir = defaultReportDir;
        this.environment = new HashMap<>(environment);
    }

    @Override
    GateOutcome work(Path workspace, PrintStream log) throws IOException, InterruptedException {
        GateSpec spec = parameters.toSpec(workspace, environment::get, defaultReportDir);
        GateRun run = Gate.start(spec, progress(log));
        Report report;
        try {
            report = run.await();
        } catch (InterruptedException e) {
            run.cancel();
            throw e;
        }
        return finish(report, spec.reportDir(), workspace, parameters.isUnstableOnWarning(), log);
    }
}
