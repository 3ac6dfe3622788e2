package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.SmokeResult;
import dev.archgate.host.Binfmt;
import dev.archgate.host.BinfmtHandler;
import dev.archgate.host.BinfmtLock;
import dev.archgate.host.Host;
import dev.archgate.host.ProbeImage;
import dev.archgate.host.ProbeProgram;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.platform.Platform;
import dev.archgate.smoke.SmokeRequest;
import dev.archgate.smoke.SmokeRunner;
import dev.archgate.spec.SmokeTest;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Emulation status per platform, proven by the probe program rather than taken from binfmt_misc's word. */
final class Emulation {
    private static final SmokeTest PROBE = new SmokeTest("probe", SmokeTest.Mode.COMMAND, List.of(ProbeImage.PROGRAM), 0,
            "^ok$", "", Duration.ofSeconds(30), Duration.ofSeconds(1));
    /** A platform's emulation is checked by its one probe run. */
    private static final Coverage PROBED = Coverage.asked(false, 1);

    private Emulation() {}

    /**
     * Why {@code p}'s code cannot run in containers of this engine, or null when it can (or runs
     * natively). Where binfmt_misc is visible its handler is read; where it is not (archgate in a
     * container beside the engine) the probe program is run, since only the engine's host knows.
     */
    static String problem(Binfmt binfmt, DockerClient docker, SmokeRunner runner, Platform p) throws InterruptedException {
        if (Binfmt.isNative(p)) {
            return null;
        }
        if (binfmt.visible()) {
            return binfmt.status(p).problem();
        }
        if (!ProbeProgram.supports(p)) {
            return "binfmt_misc is not visible here and archgate has no probe program for " + p + ", so its emulation cannot be proven";
        }
        SmokeResult probe = probe(docker, runner, p);
        return probe.passed() ? null : "archgate's probe program for " + p + " did not run on the engine (" + probe.outcome().id() + ": "
                + probe.detail() + "), so " + p + " code cannot run there: set install-emulation (emulation.install) or register "
                + "QEMU on the engine's host";
    }

    private static SmokeResult probe(DockerClient docker, SmokeRunner runner, Platform p) throws InterruptedException {
        try {
            return runner.run(SmokeRequest.of(ProbeImage.loadInto(docker, p), p, PROBE).program(ProgramChain.unread(PROBE.command()), PROBE.command())
                    .nativeCode(Binfmt.isNative(p)).strict(false).build());
        } catch (IOException e) {
            throw new ArchgateException("cannot load the probe image into the Docker Engine (" + e.getMessage() + ")",
                    ArchgateException.Kind.ENVIRONMENT, e);
        }
    }

    static Report check(Host host, List<Platform> platforms, List<String> installLog) throws InterruptedException {
        Binfmt binfmt = host.binfmt();
        DockerClient docker = Engine.connect(host);
        SmokeRunner runner = Engine.runner(host, docker);
        try (BinfmtLock.Held handlers = host.binfmtLock().shared(line -> { }); Host.StopRegistration stop = host.onStop(runner::stop)) {
            runner.sweep();
            return check(binfmt, docker, runner, platforms, installLog);
        }
    }

    private static Report check(Binfmt binfmt, DockerClient docker, SmokeRunner runner, List<Platform> platforms, List<String> installLog)
            throws InterruptedException {
        List<PlatformReport> reports = new ArrayList<>();
        for (Platform p : platforms) {
            List<Finding> findings = new ArrayList<>();
            installLog.stream().filter(l -> l.startsWith(p + ":")).forEach(l -> findings.add(Finding.info(Check.EMULATION_MISSING, null, l)));
            BinfmtHandler h = binfmt.status(p);
            if (!Binfmt.isNative(p) && h.problem() != null) {
                findings.add(Finding.error(Check.EMULATION_MISSING, null, h.problem()));
                reports.add(PlatformReport.of(p, PROBED, findings, List.of()));
                continue;
            }
            if (!ProbeProgram.supports(p)) {
                findings.add(Finding.error(Check.EMULATION_MISSING, null, "archgate has no probe program for " + p
                        + ", so its emulation cannot be proven"));
                reports.add(PlatformReport.of(p, PROBED, findings, List.of()));
                continue;
            }
            SmokeResult probe = probe(docker, runner, p);
            if (!probe.passed()) {
                findings.add(Finding.error(Check.EMULATION_MISSING, null, "the " + h.name() + " handler is listed, but archgate's probe "
                        + "program for " + p + " did not run (" + probe.outcome().id() + ": " + probe.detail() + "): run 'archgate qemu install " + p + "'"));
            }
            reports.add(PlatformReport.of(p, PROBED, findings, List.of(probe)));
        }
        return Report.of("qemu", null, reports);
    }
}
