package dev.archgate.jenkins;

import hudson.remoting.VirtualChannel;
import java.io.File;
import jenkins.MasterToSlaveFileCallable;

/**
 * Cancels a gate running on the agent ({@link GateOnAgent#cancel}) and answers only once the gate has ended, its
 * containers removed and nothing promoted; false when the gate is not running there (not yet started, or done).
 */
final class CancelOnAgent extends MasterToSlaveFileCallable<Boolean> {
    private static final long serialVersionUID = 1L;

    private final String runId;

    CancelOnAgent(String runId) {
        this.runId = runId;
    }

    @Override
    public Boolean invoke(File workspace, VirtualChannel channel) {
        return GateOnAgent.cancel(runId);
    }
}
