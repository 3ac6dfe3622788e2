package dev.archgate.gate;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Report;
import dev.archgate.findings.Verdict;
import dev.archgate.host.DockerCli;
import dev.archgate.promote.Promoter;
import dev.archgate.promote.PromotionResult;
import java.util.List;

/** The release tags, written only for a passing report and only as a copy of the tested digest. */
final class Promotion {
    private Promotion() {}

    /**
     * @param pinned the tested image by digest ({@code repo@sha256:...}); null or an engine name
     *               when what was tested lives in no registry
     */
    static void promote(DockerCli docker, Report report, String pinned, List<String> tags, GateListener listener) throws InterruptedException {
        if (tags.isEmpty()) {
            return;
        }
        if (report.verdict() != Verdict.PASS) {
            listener.log("not promoting to " + String.join(", ", tags) + ": the gate did not pass");
            return;
        }
        if (pinned == null || !pinned.contains("@sha256:")) {
            throw new ArchgateException("promotion copies the tested image inside a registry, but " + (pinned == null ? "it" : pinned)
                    + " is only in the local engine: set build.push with tags", ArchgateException.Kind.USAGE, null);
        }
        PromotionResult result = new Promoter(docker).promote(pinned, tags, listener::log);
        if (!result.succeeded()) {
            throw new ArchgateException("the gate passed but promotion failed: " + result.failure(), ArchgateException.Kind.ENVIRONMENT, null);
        }
        result.promoted().forEach(t -> listener.log("promoted " + pinned + " to " + t));
    }
}
