package dev.archgate.gate;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Report;
import dev.archgate.host.Host;
import dev.archgate.host.QemuInstall;
import dev.archgate.image.model.ImageLocation;
import dev.archgate.lint.Dockerfile;
import dev.archgate.lint.DockerfileLinter;
import dev.archgate.platform.Platform;
import dev.archgate.report.ReportReader;
import dev.archgate.spec.GateSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The engine's entry points for the adapters: each wires the stages a command needs. Each takes
 * the {@link Host} its adapter built from its own environment; the adapter closes it.
 */
public final class Gate {
    private Gate() {}

    /** Lints one Dockerfile; the report has image-wide findings and no platforms checked. */
    public static Report lint(Path dockerfile, List<Platform> platforms) {
        String text;
        try {
            text = Files.readString(dockerfile);
        } catch (NoSuchFileException e) {
            throw ArchgateException.usage("Dockerfile " + dockerfile + " does not exist: give the path of the Dockerfile to lint");
        } catch (IOException e) {
            throw ArchgateException.usage("cannot read Dockerfile " + dockerfile + ": " + e.getMessage());
        }
        Dockerfile parsed = Dockerfile.parse(dockerfile.toString(), text);
        return Report.linted(dockerfile.toString(), DockerfileLinter.lint(parsed, platforms));
    }

    /**
     * The whole gate: lint and build (for a build spec), then audit and smoke every platform,
     * decide, and promote on a pass. Blocks until the report is ready.
     *
     * @throws ArchgateException when the run could not start or finish (one sentence, usage or environment)
     */
    public static Report run(Host host, GateSpec spec, GateListener listener) throws InterruptedException {
        return start(host, spec, listener).await();
    }

    /** The whole gate on a thread of its own, so an adapter can cancel it. */
    public static GateRun start(Host host, GateSpec spec, GateListener listener) {
        return new GateRun(new GateFlow(host, spec, listener, Stages.ALL));
    }

    /**
     * The static audit of {@code spec.image()} for every platform of the spec: nothing runs.
     *
     * @throws ArchgateException when the image cannot be read at all (one sentence, usage or environment)
     */
    public static Report audit(Host host, GateSpec spec, GateListener listener) throws InterruptedException {
        return startAudit(host, spec, listener).await();
    }

    /** The static audit on a thread of its own, so an adapter can cancel it. */
    public static GateRun startAudit(Host host, GateSpec spec, GateListener listener) {
        requireImage(spec, "audit");
        return new GateRun(new GateFlow(host, spec, listener, Stages.AUDIT));
    }

    /**
     * Smoke tests of {@code spec.image()} on every platform of the spec, in parallel, strict
     * emulation as the spec says; platforms the host cannot emulate are errors, never passes.
     */
    public static Report smoke(Host host, GateSpec spec, GateListener listener) throws InterruptedException {
        return startSmoke(host, spec, listener).await();
    }

    /** The smoke runs on a thread of their own, so an adapter can cancel them. */
    public static GateRun startSmoke(Host host, GateSpec spec, GateListener listener) {
        requireImage(spec, "smoke");
        return new GateRun(new GateFlow(host, spec, listener, Stages.SMOKE));
    }

    /**
     * One verdict from the report.json files of split runs over one image, then, on a pass, the
     * promotion of that digest. Reports of different digests, or that cannot be trusted, are
     * refused; a platform of {@code required} that no report checked makes the verdict error.
     *
     * @throws ArchgateException naming the report and the fix (usage), or a failed promotion (environment)
     */
    public static Report merge(Host host, List<Path> reports, List<Platform> required, List<String> promote, GateListener listener)
            throws InterruptedException {
        if (required.isEmpty()) {
            throw ArchgateException.usage("merge needs --platforms: the platforms the release requires, e.g. linux/amd64,linux/arm64");
        }
        List<ReportMerge.Named> read = new ArrayList<>();
        for (Path file : reports) {
            String json;
            try {
                json = Files.readString(file);
            } catch (NoSuchFileException e) {
                throw ArchgateException.usage("the report " + file + " does not exist: give the report.json each split run wrote");
            } catch (IOException e) {
                throw ArchgateException.usage("cannot read the report " + file + " (" + e.getMessage() + ")");
            }
            read.add(new ReportMerge.Named(file.toString(), ReportReader.read(file.toString(), json)));
        }
        Report merged = ReportMerge.merge(read, required);
        read.forEach(r -> listener.log("merged " + r.name() + ": " + r.report().platforms().stream()
                .map(p -> p.platform() + " " + p.verdict().id()).collect(java.util.stream.Collectors.joining(", "))));
        String image = merged.image();
        ImageLocation location = image == null ? null : ImageLocation.parse(image);
        String pinned = location == null || location.kind() != ImageLocation.Kind.REGISTRY ? null : location.pinned(merged.digest());
        Promotion.promote(host.dockerCli(), merged, pinned, promote, listener);
        return merged;
    }

    private static void requireImage(GateSpec spec, String command) {
        if (spec.image() == null) {
            throw ArchgateException.usage(command + " needs an image reference, not a build");
        }
    }

    /**
     * What binfmt_misc says for each platform, proven by running archgate's probe program in a
     * container of that platform: a handler that is listed but does not run code is an error.
     */
    public static Report qemuStatus(Host host, List<Platform> platforms) throws InterruptedException {
        return Emulation.check(host, platforms, List.of());
    }

    /**
     * Registers or enables the handlers of the platforms, then proves each with the probe. The
     * registration is written directly when this process may (root on the engine's host), else,
     * or when {@code throughEngine} asks for it, by a privileged container on the engine.
     */
    public static Report qemuInstall(Host host, List<Platform> platforms, boolean throughEngine, GateListener listener) throws InterruptedException {
        List<String> done;
        try {
            done = QemuInstall.install(host.binfmt(), platforms, throughEngine, () -> Engine.connect(host), all -> all, listener::log);
        } catch (IOException e) {
            throw new ArchgateException("cannot register the QEMU handlers (" + e.getMessage() + "): run as root on the Docker host, "
                    + "or let the engine run privileged containers", ArchgateException.Kind.ENVIRONMENT, e);
        }
        done.forEach(listener::log);
        return Emulation.check(host, platforms, done);
    }
}
