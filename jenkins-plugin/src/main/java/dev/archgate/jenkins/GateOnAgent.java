package dev.archgate.jenkins;

import dev.archgate.gate.Gate;
import dev.archgate.gate.GateRun;
import dev.archgate.host.Host;
import dev.archgate.jenkins.mapping.AgentEnvironment;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.GateParameters;
import dev.archgate.findings.Report;
import dev.archgate.spec.GateSpec;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The gate, run on the agent that holds the workspace and the Docker engine (the controller needs neither): it reads
 * the parameters into a spec and runs the engine with its progress streamed to the build log. An aborted build
 * cancels it through {@link CancelOnAgent}, after which this returns the cancelled run's report; when remoting
 * interrupts this thread instead, the gate is cancelled too, and this throws once its containers are removed.
 */
final class GateOnAgent extends ReportOnAgent {
    private static final long serialVersionUID = 1L;

    /**
     * The gates running in this (agent) JVM by run id, each entry only while its {@link #work} runs: the controller
     * cancels one through a second call ({@link CancelOnAgent}), because an interrupted remote call returns on the
     * controller at once without waiting for the agent (remoting's Request.call sends a Cancel and rethrows).
     */
    private static final Map<String, GateRun> RUNNING = new ConcurrentHashMap<>();

    private final GateParameters parameters;
    private final HashMap<String, String> environment;
    private final String defaultReportDir;
    private final String runId;

    /** {@code runId} names this run on the agent, for {@link CancelOnAgent}. */
    GateOnAgent(GateParameters parameters, String defaultReportDir, String runId, Map<String, String> environment, TaskListener listener) {
        super(listener);
        this.parameters = parameters;
        this.defaultReportDir = defaultReportDir;
        this.runId = runId;
        this.environment = new HashMap<>(environment);
    }

    @Override
    GateOutcome work(Path workspace, PrintStream log) throws IOException, InterruptedException {
        GateSpec spec = parameters.toSpec(workspace, environment::get, defaultReportDir);
        Report report;
        // The build's environment (withEnv included) says where the engine, QEMU and the docker config are.
        try (Host host = Host.of(AgentEnvironment.forHost(environment))) {
            GateRun run = Gate.start(host, spec, progress(log));
            RUNNING.put(runId, run);
            try {
                report = run.await(); // a cancel through CancelOnAgent ends it with the report of the cancelled run
            } catch (InterruptedException e) {
                run.cancel();
                throw e;
            } finally {
                RUNNING.remove(runId);
            }
        }
        return finish(report, spec.reportDir(), workspace, parameters.isUnstableOnWarning(), log);
    }

    /** Cancels the gate {@code runId} and returns once its containers are removed; false when no such gate runs here. */
    static boolean cancel(String runId) {
        GateRun run = RUNNING.get(runId);
        if (run == null) {
            return false;
        }
        run.cancel();
        return true;
    }
}
