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
        PolicyLimits policy) {

    public static SpecDraft empty() {
        return new SpecDraft(null, null, null, null, null, null, null, null, null, null, null, PolicyLimits.NONE);
    }

    /** A build replaces an image given before it, and the other way round: the later layer wins. */
    public SpecDraft withBuild(BuildSpec v) {
        return new SpecDraft(v, null, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, policy);
    }

    public SpecDraft withImage(String v) {
        return new SpecDraft(null, v, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, policy);
    }

    public SpecDraft withPlatforms(List<Platform> v) {
        return new SpecDraft(build, image, v, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, policy);
    }

    public SpecDraft withSmoke(List<SmokeTest> v) {
        return new SpecDraft(build, image, platforms, v, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, policy);
    }

    public SpecDraft withStrictEmulation(boolean v) {
        return new SpecDraft(build, image, platforms, smoke, v, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, policy);
    }

    public SpecDraft withInstallEmulation(boolean v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, v, checkLevels, ignorePaths, reportDir, promote, insecureRegistries, policy);
    }

    public SpecDraft withCheckLevels(Map<Check, CheckLevel> v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, v, ignorePaths, reportDir, promote, insecureRegistries, policy);
    }

    public SpecDraft withIgnorePaths(List<String> v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, v, reportDir, promote, insecureRegistries, policy);
    }

    public SpecDraft withReportDir(Path v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, v, promote, insecureRegistries, policy);
    }

    public SpecDraft withPromote(List<String> v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, v, insecureRegistries, policy);
    }

    public SpecDraft withInsecureRegistries(List<String> v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, v, policy);
    }

    /** Limits given here replace those given before, one by one (a flag's budget keeps the file's wasted-bytes). */
    public SpecDraft withPolicy(PolicyLimits v) {
        return new SpecDraft(build, image, platforms, smoke, strictEmulation, installEmulation, checkLevels, ignorePaths, reportDir, promote, insecureRegistries,
                policy.overriddenBy(v));
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
                policy.withDefaults());
    }
}
