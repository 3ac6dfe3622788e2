package dev.archgate.jenkins;

import dev.archgate.gate.Gate;
import dev.archgate.host.Host;
import dev.archgate.jenkins.mapping.AgentEnvironment;
import dev.archgate.jenkins.mapping.GateOutcome;
import dev.archgate.jenkins.mapping.MergeParameters;
import dev.archgate.findings.Report;
import hudson.model.TaskListener;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The merge, run on the agent that holds the workspace with the parallel branches' reports (unstashed there) and the
 * registry login a promotion needs: the engine reads the reports back distrustfully, makes one verdict and, on a
 * pass, promotes the digest.
 */
final class MergeOnAgent extends ReportOnAgent {
    private static final long serialVersionUID = 1L;

    private final MergeParameters parameters;
    private final HashMap<String, String> environment;

    MergeOnAgent(MergeParameters parameters, Map<String, String> environment, TaskListener listener) {
        super(listener);
        this.parameters = parameters;
        this.environment = new HashMap<>(environment);
    }

    @Override
    GateOutcome work(Path workspace, PrintStream log) throws IOException, InterruptedException {
        MergeParameters.Merge merge = parameters.toMerge(workspace);
        Report report;
        try (Host host = Host.of(AgentEnvironment.forHost(environment))) { // the build's environment: the docker CLI that promotes runs under it
            report = Gate.merge(host, merge.reports(), merge.platforms(), merge.promote(), progress(log));
        }
        return finish(report, merge.reportDir(), workspace, parameters.isUnstableOnWarning(), log);
    }
}
