package dev.archgate.spec;

import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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
        Machines machines) {

    public static SpecDraft empty() {
        return new SpecDraft(null, null, null, null, null, null, null, null, null, null, null, null);
    }

    /** A build replaces an image given before it, and the other way round: the later layer wins. */
    public SpecDraft withBuild(BuildSpec v) {
        return new SpecDraft(v, null, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, machines);
    }

    public SpecDraft withImage(String v) {
        return new SpecDraft(null, v, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, machines);
    }

    public SpecDraft withPlatforms(List<Platform> v) {
        return new SpecDraft(build, image, v, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, machines);
    }

    public SpecDraft withSmoke(List<SmokeTest> v) {
        return new SpecDraft(build, image, platforms, v, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, machines);
    }

    public SpecDraft withStrictEmulation(boolean v) {
        return new SpecDraft(build, image, platforms, smoke, v, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, machines);
    }

    public SpecDraft withInstallEmulation(boolean v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, v, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, machines);
    }

    public SpecDraft withCheckLevels(Map<Check, CheckLevel> v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, v, ignorePaths, reportDir, promote, insecureRegistries, machines);
    }

    public SpecDraft withIgnorePaths(List<String> v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, v, reportDir, promote, insecureRegistries, machines);
    }

    public SpecDraft withReportDir(Path v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, v, promote, insecureRegistries, machines);
    }

    public SpecDraft withPromote(List<String> v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, v, insecureRegistries, machines);
    }

    public SpecDraft withInsecureRegistries(List<String> v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, v, machines);
    }

    public SpecDraft withMachines(Machines v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote,
                insecureRegistries, v);
    }

    /** Where work runs so far, for a layer that changes one part of it. */
    public Machines machinesOrLocal() {
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
                machinesOrLocal());
    }
}
