package dev.archgate.spec;

import dev.archgate.findings.Check;
import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A spec being put together from archgate.yml and then command-line flags, each layer overriding
 * the one before; {@link #toSpec()} applies the defaults and validates the whole. Null means "not
 * given here".
 */
public record SpecDraft(
        BuildSpec build,
        String image,
        List<Platform> platforms,
        List<SmokeTest> smoke,
        Boolean strictEmulation,
        Boolean installEmulation,
        Map<Check, CheckLevel> checkLevels,
        List<String> ignorePaths,
        Path reportDir,
        List<String> promote,
        List<String> insecureRegistries,
        Machines machines,
        Map<Platform, String> emulationCpu,
        PolicyLimits policy,
        HardwarePolicy hardware) {

    public static SpecDraft empty() {
        return new Fields().draft();
    }

    /** A build replaces an image given before it, and the other way round: the later layer wins. */
    public SpecDraft withBuild(BuildSpec v) {
        return with(f -> {
            f.build = v;
            f.image = null;
        });
    }

    public SpecDraft withImage(String v) {
        return with(f -> {
            f.build = null;
            f.image = v;
        });
    }

    public SpecDraft withPlatforms(List<Platform> v) {
        return with(f -> f.platforms = v);
    }

    public SpecDraft withSmoke(List<SmokeTest> v) {
        return with(f -> f.smoke = v);
    }

    public SpecDraft withStrictEmulation(boolean v) {
        return with(f -> f.strictEmulation = v);
    }

    public SpecDraft withInstallEmulation(boolean v) {
        return with(f -> f.installEmulation = v);
    }

    public SpecDraft withCheckLevels(Map<Check, CheckLevel> v) {
        return with(f -> f.checkLevels = v);
    }

    public SpecDraft withIgnorePaths(List<String> v) {
        return with(f -> f.ignorePaths = v);
    }

    public SpecDraft withReportDir(Path v) {
        return with(f -> f.reportDir = v);
    }

    public SpecDraft withPromote(List<String> v) {
        return with(f -> f.promote = v);
    }

    public SpecDraft withInsecureRegistries(List<String> v) {
        return with(f -> f.insecureRegistries = v);
    }

    /** The buildx builder to build with. */
    public SpecDraft withBuilder(String v) {
        Machines merged = machinesOrLocal().withBuilder(v);
        return with(f -> f.machines = merged);
    }

    /** The Docker engine of each platform; entries given later replace earlier ones of the same platform. */
    public SpecDraft withEngines(Map<Platform, EngineEndpoint> v) {
        Map<Platform, EngineEndpoint> merged = new LinkedHashMap<>(machinesOrLocal().engines());
        merged.putAll(v);
        Machines machines = machinesOrLocal().withEngines(merged);
        return with(f -> f.machines = machines);
    }

    /** Per platform, the QEMU CPU model to emulate; entries given later replace earlier ones of the same platform. */
    public SpecDraft withEmulationCpu(Map<Platform, String> v) {
        Map<Platform, String> merged = new LinkedHashMap<>(emulationCpu == null ? Map.of() : emulationCpu);
        merged.putAll(v);
        return with(f -> f.emulationCpu = merged);
    }

    /** Hardware entries given here replace those of earlier layers platform by platform. */
    public SpecDraft withHardware(HardwarePolicy v) {
        HardwarePolicy merged = (hardware == null ? HardwarePolicy.NONE : hardware).overriddenBy(v);
        return with(f -> f.hardware = merged);
    }

    /** Policy limits given here replace those of earlier layers key by key. */
    public SpecDraft withPolicy(PolicyLimits v) {
        PolicyLimits merged = (policy == null ? PolicyLimits.NONE : policy).overriddenBy(v);
        return with(f -> f.policy = merged);
    }

    private Machines machinesOrLocal() {
        return machines == null ? Machines.LOCAL : machines;
    }

    public GateSpec toSpec() {
        return new GateSpec(build, image,
                platforms == null ? List.of() : platforms,
                smoke == null || smoke.isEmpty() ? List.of(SmokeTest.starts()) : smoke,
                strictEmulation == null || strictEmulation,
                installEmulation != null && installEmulation,
                checkLevels == null ? Map.of() : checkLevels,
                ignorePaths == null ? List.of() : ignorePaths,
                reportDir,
                promote == null ? List.of() : promote,
                insecureRegistries == null ? List.of() : insecureRegistries,
                machinesOrLocal(),
                emulationCpu == null ? Map.of() : emulationCpu,
                (policy == null ? PolicyLimits.NONE : policy).withDefaults(),
                hardware == null ? HardwarePolicy.NONE : hardware);
    }

    /** This draft with one layer's change: every wither names only what it changes. */
    private SpecDraft with(Consumer<Fields> change) {
        Fields f = new Fields(this);
        change.accept(f);
        return f.draft();
    }

    /** The components of a draft while one is being changed. */
    private static final class Fields {
        BuildSpec build;
        String image;
        List<Platform> platforms;
        List<SmokeTest> smoke;
        Boolean strictEmulation;
        Boolean installEmulation;
        Map<Check, CheckLevel> checkLevels;
        List<String> ignorePaths;
        Path reportDir;
        List<String> promote;
        List<String> insecureRegistries;
        Machines machines;
        Map<Platform, String> emulationCpu;
        PolicyLimits policy;
        HardwarePolicy hardware;

        Fields() {}

        Fields(SpecDraft d) {
            build = d.build;
            image = d.image;
            platforms = d.platforms;
            smoke = d.smoke;
            strictEmulation = d.strictEmulation;
            installEmulation = d.installEmulation;
            checkLevels = d.checkLevels;
            ignorePaths = d.ignorePaths;
            reportDir = d.reportDir;
            promote = d.promote;
            insecureRegistries = d.insecureRegistries;
            machines = d.machines;
            emulationCpu = d.emulationCpu;
            policy = d.policy;
            hardware = d.hardware;
        }

        SpecDraft draft() {
            return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir,
                    promote, insecureRegistries, machines, emulationCpu, policy, hardware);
        }
    }
}
