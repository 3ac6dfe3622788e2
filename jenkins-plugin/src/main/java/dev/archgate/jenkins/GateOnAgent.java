package dev.archgate.jenkins;

import dev.archgate.gate.Gate;
import dev.archgate.gate.GateRun;
import dev.archgate.host.Host;
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

    GateOnAgent(GateParameters parameters, Map<String, String> environment, TaskListener listener) {
        super(listener);
        this.parameters = parameters;
        this.environment = new HashMap<>(environment);
    }

    @Override
    GateOutcome work(Path workspace, PrintStream log) throws IOException, InterruptedException {
        GateSpec spec = parameters.toSpec(workspace, environment::get);
        Report report;
        // The build's environment (withEnv included) says where the engine, QEMU and the docker config are.
        try (Host host = Host.of(environment)) {
            GateRun run = Gate.start(host, spec, progress(log));
            try {
                report = run.await();
            } catch (InterruptedException e) {
                run.cancel();
                throw e;
            }
        }
        return finish(report, spec.reportDir(), workspace, parameters.isUnstableOnWarning(), log);
    }
}
