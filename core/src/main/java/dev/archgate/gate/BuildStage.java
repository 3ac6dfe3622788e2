package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.ArchgateException;
import dev.archgate.build.BuildFailure;
import dev.archgate.build.BuildResult;
import dev.archgate.build.BuilderPreflight;
import dev.archgate.build.Buildx;
import dev.archgate.build.BuildxBuilder;
import dev.archgate.build.BuildxBuilders;
import dev.archgate.build.FailedBuildFindings;
import dev.archgate.findings.Coverage;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.host.Binfmt;
import dev.archgate.host.Host;
import dev.archgate.lint.Dockerfile;
import dev.archgate.lint.DockerfileLinter;
import dev.archgate.platform.Platform;
import dev.archgate.spec.GateSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The build of a gate: the Dockerfile linted, the builder checked, every platform built with buildx, a failed build reported. */
final class BuildStage {
    private final Host host;
    private final GateSpec spec;
    private final GateListener listener;
    private final Supplier<DockerClient> docker;

    BuildStage(Host host, GateSpec spec, GateListener listener, Supplier<DockerClient> docker) {
        this.host = host;
        this.spec = spec;
        this.listener = listener;
        this.docker = docker;
    }

    List<Finding> lint() {
        Path file = spec.build().dockerfileOrDefault();
        try {
            return DockerfileLinter.lint(Dockerfile.parse(shownDockerfile(), Files.readString(file)), spec.platforms());
        } catch (IOException e) {
            throw new ArchgateException("cannot read the Dockerfile " + file + ": give build.dockerfile (or --file) the path of yours",
                    ArchgateException.Kind.USAGE, e);
        }
    }

    BuildResult build() throws InterruptedException {
        BuildxBuilder builder = checkBuilder();
        listener.log("building " + spec.platforms().size() + " platforms with docker buildx");
        var info = docker.get().infoCmd().exec();
        boolean containerdStore = info.getDriverStatuses() != null && info.getDriverStatuses().stream()
                .anyMatch(s -> s.size() > 1 && String.valueOf(s.get(1)).contains("io.containerd.snapshotter"));
        // The builder's QEMU is this machine's binfmt_misc handler only when the builder and its engine run here.
        Binfmt binfmt = host.binfmt();
        boolean here = builder.onThisMachine() && host.dockerAddress().startsWith("unix://");
        BuildResult built = new Buildx(host.dockerCli(), spec.machines().builder(), builder.driver())
                .emulatedBy(p -> here && !Binfmt.isNative(p) ? binfmt.emulator(p) : null)
                .build(spec.build(), spec.platforms(), containerdStore, listener::log);
        built.warnings().forEach(w -> listener.log("build warning: " + w));
        if (!built.succeeded() && !built.failure().ofPlatforms()) {
            throw built.failure().stopped();
        }
        return built;
    }

    /** @return the builder, whose driver decides how a multi-platform push is done */
    private BuildxBuilder checkBuilder() throws InterruptedException {
        BuildxBuilder builder = new BuildxBuilders(host.dockerCli()).inspect(spec.machines().builder());
        Binfmt binfmt = host.binfmt();
        BuilderPreflight.refusal(builder, spec.platforms(), p -> Binfmt.isNative(p) || binfmt.status(p).problem() == null)
                .ifPresent(refusal -> {
                    throw new ArchgateException(refusal, ArchgateException.Kind.ENVIRONMENT, null);
                });
        return builder;
    }

    /**
     * A build that failed for some platforms: each of those fails with build.failed at the
     * Dockerfile line of its step; every other platform is reported as not checked, since buildx
     * produced no image of it (never as passed, whatever the check levels say).
     */
    Report failed(BuildFailure failure, List<Finding> imageFindings, Stages stages, Policy policy) {
        List<PlatformReport> reports = new ArrayList<>();
        for (Platform p : spec.platforms()) {
            // The platforms it did build were not checked: Coverage turns that into an error, never a pass.
            PlatformReport r = PlatformReport.of(p, Coverage.asked(stages.audit, stages.smoke ? spec.smoke().size() : 0),
                    policy.apply(FailedBuildFindings.of(failure, p, shownDockerfile())), List.of());
            listener.platformFinished(r);
            reports.add(r);
        }
        String name = spec.build().tags().isEmpty() ? spec.build().context().toString() : spec.build().tags().get(0);
        return Report.of(name, null, policy.apply(imageFindings), reports);
    }

    /** The Dockerfile named as the user would open it: relative to the working directory when it lies below it. */
    private String shownDockerfile() {
        Path cwd = Path.of("").toAbsolutePath();
        Path absolute = spec.build().dockerfileOrDefault().toAbsolutePath().normalize();
        return absolute.startsWith(cwd) ? cwd.relativize(absolute).toString() : absolute.toString();
    }
}
