package dev.archgate.action;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.report.ReportFiles;
import java.nio.file.Path;
import java.util.List;

/**
 * A step in merge mode ({@code merge-reports} set): the report.json files of split runs over one
 * digest, the platforms the release requires, and the tags to promote on a merged pass. Inputs
 * that only a gate reads are refused, so a step that mixes the modes is not silently half-ignored.
 */
final class ActionMerge {
    /** Inputs of a gate run that merge mode would not read; the registry login it does read. */
    private static final List<String> GATE_ONLY = List.of("image", "context", "config", "file", "tags", "push", "build-args",
            "smoke-command", "smoke-mode", "expect-exit", "expect-stdout", "timeout", "strict-emulation", "install-emulation", "target",
            "builder", "labels", "annotations", "secrets", "secret-files", "cache-from", "cache-to", "provenance", "sbom", "no-cache", "pull");

    private final List<Path> reports;
    private final List<Platform> platforms;
    private final List<String> promote;
    private final Path reportDir;

    private ActionMerge(List<Path> reports, List<Platform> platforms, List<String> promote, Path reportDir) {
        this.reports = List.copyOf(reports);
        this.platforms = List.copyOf(platforms);
        this.promote = List.copyOf(promote);
        this.reportDir = reportDir;
    }

    /** Whether the step merges instead of gating. */
    static boolean requested(Inputs in) {
        return in.get("merge-reports") != null;
    }

    static ActionMerge from(Inputs in, Path workspace) {
        for (String name : GATE_ONLY) {
            if (in.get(name) != null) {
                throw ArchgateException.usage("the inputs 'merge-reports' and '" + name + "' are both set: a merge step only reads the split "
                        + "runs' reports, so remove '" + name + "' or give it to the steps that gate");
            }
        }
        if (in.items("platforms").isEmpty()) {
            throw ArchgateException.usage("merge-reports needs the input 'platforms': the platforms the release requires, e.g. "
                    + "linux/amd64,linux/arm64");
        }
        List<Path> reports = in.lines("merge-reports").stream().map(line -> ReportFiles.json(ActionSpec.path(workspace, line))).toList();
        Path dir = in.get("report-dir") == null ? workspace.resolve(ActionSpec.DEFAULT_REPORT_DIR)
                : ActionSpec.path(workspace, in.get("report-dir"));
        return new ActionMerge(reports, Platform.parseList(String.join(",", in.items("platforms"))), in.items("promote"), dir);
    }

    List<Path> reports() {
        return reports;
    }

    List<Platform> platforms() {
        return platforms;
    }

    List<String> promote() {
        return promote;
    }

    Path reportDir() {
        return reportDir;
    }
}
