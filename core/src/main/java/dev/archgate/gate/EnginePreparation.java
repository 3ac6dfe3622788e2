package dev.archgate.gate;

import com.github.dockerjava.api.DockerClient;
import dev.archgate.ArchgateException;
import dev.archgate.host.Host;
import dev.archgate.host.QemuInstall;
import dev.archgate.platform.Platform;
import dev.archgate.spec.GateSpec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The engines and emulation of one run, prepared once: the local engine connected only when
 * something needs it (an audit of a registry image does not), QEMU handlers installed when
 * emulation.install asks, each platform's emulation proven once, CPU overrides checked.
 */
final class EnginePreparation implements AutoCloseable {
    private final Host host;
    private final GateSpec spec;
    private final GateListener listener;
    private final SmokeEngines engines;
    /** What keeps each platform's code from running on the local engine (null: nothing), found once per run. */
    private final Map<Platform, String> emulationProblems = new HashMap<>();
    private DockerClient docker;

    EnginePreparation(Host host, GateSpec spec, GateListener listener) {
        this.host = host;
        this.spec = spec;
        this.listener = listener;
        this.engines = new SmokeEngines(spec.machines().engines(), host);
    }

    SmokeEngines engines() {
        return engines;
    }

    synchronized DockerClient docker() {
        if (docker == null) {
            docker = Engine.connect(host);
        }
        return docker;
    }

    /**
     * What the smoke runs need before their first container: the local engine connected (when it
     * runs any platform; else an environment error for the whole gate), the engines of engines:
     * connected (one that does not answer fails its own platforms only), stale containers swept,
     * CPU overrides checked, and the emulation of every platform the local engine emulates.
     */
    void prepare() throws InterruptedException {
        if (!spec.machines().engines().keySet().containsAll(spec.platforms())) {
            engines.local();
        }
        for (Platform p : spec.platforms()) {
            SmokeEngines.Target engine;
            try {
                engine = engines.forPlatform(p);
            } catch (ArchgateException e) {
                continue; // an engine of engines: that does not answer: its platforms report it
            }
            if (engine.local() && !engine.runsNatively(p)) {
                emulationProblem(p);
            }
            if (spec.strictEmulation()) {
                engine.runner().prepareQemu(p);
            }
        }
        if (spec.strictEmulation()) {
            checkCpuOverrides();
        }
    }

    /** Throws the preparation's failure when it failed (it is waited for), else returns. */
    static void rethrowFailure(Future<?> prepared) throws InterruptedException {
        try {
            prepared.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
        }
    }

    /** A CPU model the host's QEMU does not know would fail every run of its platform as if the image were broken. */
    private void checkCpuOverrides() {
        spec.emulationCpu().forEach((platform, model) -> {
            SmokeEngines.Target engine;
            try {
                engine = engines.forPlatform(platform);
            } catch (ArchgateException e) {
                return; // its platform reports the engine itself
            }
            host.qemu().unknownCpuModel(platform, model).ifPresent(problem -> {
                throw ArchgateException.usage("emulation.cpu: " + problem);
            });
        });
    }

    /**
     * emulation.install: registers missing handlers, directly where binfmt_misc is visible and
     * writable, else through a privileged container on the engine (archgate beside the engine,
     * as the GitHub Action runs), there only for the platforms whose probe fails. What still fails
     * is reported per platform as emulation.missing.
     */
    void installEmulation() throws InterruptedException {
        try {
            QemuInstall.install(host.binfmt(), spec.platforms(), false, this::docker, this::notRunning, listener::log).forEach(listener::log);
        } catch (IOException e) {
            listener.log("could not install QEMU handlers (" + e.getMessage() + "); platforms without one are reported as emulation.missing");
        }
    }

    /** The platforms whose code the engine does not run now; their emulation is proven anew after the registration. */
    private List<Platform> notRunning(List<Platform> platforms) throws InterruptedException {
        List<Platform> missing = new ArrayList<>();
        for (Platform p : platforms) {
            if (emulationProblem(p) != null) {
                missing.add(p);
            }
        }
        synchronized (emulationProblems) {
            missing.forEach(emulationProblems::remove);
        }
        return missing;
    }

    /**
     * Why a platform's code cannot run on the engine (null: it can), found once per run: where
     * binfmt_misc is not visible it costs a probe container, which emulation.install already ran.
     */
    String emulationProblem(Platform p) throws InterruptedException {
        synchronized (emulationProblems) {
            if (emulationProblems.containsKey(p)) {
                return emulationProblems.get(p);
            }
        }
        SmokeEngines.Target local = engines.local();
        String problem = Emulation.problem(host.binfmt(), local.docker(), local.runner(), p);
        synchronized (emulationProblems) {
            emulationProblems.put(p, problem);
        }
        return problem;
    }

    /** {@link #emulationProblem}, and the emulator binfmt_misc names for a platform where it is visible. */
    SmokeRun.EmulationCheck emulationCheck() {
        return new SmokeRun.EmulationCheck() {
            @Override
            public String problem(Platform p) throws InterruptedException {
                return emulationProblem(p);
            }

            @Override
            public String emulator(Platform p) {
                return host.binfmt().visible() ? host.binfmt().emulator(p) : null;
            }
        };
    }

    /** Waits for the sweeps this run started and withdraws its runners from the host's stop. */
    @Override
    public void close() {
        engines.close();
    }
}
