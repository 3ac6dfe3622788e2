package dev.archgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The one mapping of adapter settings over archgate.yml that the CLI, the action and the Jenkins step share. */
class SettingsTest {
    private static final SpecAssembler APPLY = SpecAssembler.IN_FILE_NAMES;
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Platform S390X = Platform.parse("linux/s390x");
    private static final SpecDraft FILE = new SpecLoader(k -> null).parse("""
            version: 1
            build: {context: app, args: {A: "1", B: "2"}, push: true, tags: [r.example/app:c], builder: multinode}
            engines: {linux/arm64: "tcp://arm-host:2376", linux/s390x: "tcp://z-host:2376"}
            platforms: [linux/amd64, linux/arm64]
            smoke:
              - {name: version, command: [/app, --version]}
            emulation: {install: true, cpu: {linux/arm64: cortex-a53}}
            promote: [r.example/app:1]
            policy: {size-budget: 150MiB, wasted-bytes: 20MiB}
            """, "archgate.yml", Path.of("/repo"));

    /** archgate.yml key (dotted) to the override that sets it; smoke: is replaced as a whole list. */
    private static final Map<String, String> OVERRIDES = Map.ofEntries(Map.entry("build.context", "context"),
            Map.entry("build.dockerfile", "dockerfile"), Map.entry("build.args", "buildArgs"), Map.entry("build.push", "push"),
            Map.entry("build.tags", "tags"), Map.entry("build.target", "target"), Map.entry("build.builder", "builder"),
            Map.entry("image", "image"), Map.entry("platforms", "platforms"), Map.entry("smoke", "smoke"),
            Map.entry("emulation.strict", "strictEmulation"), Map.entry("emulation.install", "installEmulation"),
            Map.entry("emulation.cpu", "emulationCpu"), Map.entry("checks", "checks"), Map.entry("report.dir", "reportDir"),
            Map.entry("promote", "promote"), Map.entry("registries.insecure", "insecureRegistries"), Map.entry("engines", "engines"),
            Map.entry("policy.size-budget", "sizeBudget"), Map.entry("policy.wasted-bytes", "wastedBytes"),
            Map.entry("build.labels", "labels"), Map.entry("build.annotations", "annotations"), Map.entry("build.secrets", "secrets"),
            Map.entry("build.cache-from", "cacheFrom"), Map.entry("build.cache-to", "cacheTo"), Map.entry("build.provenance", "provenance"),
            Map.entry("build.sbom", "sbom"), Map.entry("build.no-cache", "noCache"), Map.entry("build.pull", "pull"),
            Map.entry("hardware.page-size", "hardwarePageSize"), Map.entry("hardware.cpu", "hardwareCpu"));

    @Test
    void everyKeyTheLoaderAcceptsHasAnOverride() {
        Map<String, Set<String>> nested = Map.of("build", SpecLoader.BUILD_KEYS, "emulation", SpecLoader.EMULATION_KEYS,
                "report", SpecLoader.REPORT_KEYS, "registries", SpecLoader.REGISTRY_KEYS, "policy", SpecLoader.POLICY_KEYS,
                "hardware", SpecLoader.HARDWARE_KEYS);
        Set<String> keys = new TreeSet<>();
        for (String root : SpecLoader.ROOT_KEYS) {
            if (nested.containsKey(root)) {
                nested.get(root).forEach(k -> keys.add(root + "." + k));
            } else if (!root.equals("version")) {
                keys.add(root);
            }
        }
        assertThat(new TreeSet<>(OVERRIDES.keySet())).as("archgate.yml keys the loader accepts").isEqualTo(keys);
        assertThat(Arrays.stream(SettingsBuilder.class.getMethods()).map(Method::getName)).containsAll(OVERRIDES.values());
    }

    @Test
    void buildxSettingsGivenMergeLabelsReplaceListsAndKeepTheFilesOthers() {
        SpecDraft file = new SpecLoader(k -> null).parse("""
                version: 1
                build: {context: app, labels: {a: "1", b: "2"}, annotations: ["index:x=1"], cache-from: [type=gha], provenance: mode=max,
                        no-cache: true}
                """, "archgate.yml", Path.of("/repo"));
        BuildOptions o = APPLY.apply(Settings.builder().labels(Map.of("b", "3")).secrets(List.of("id=npm,src=/run/npm")).sbom("true")
                .pull(true).build(), file).build().options();
        assertThat(o).isEqualTo(new BuildOptions(Map.of("a", "1", "b", "3"), List.of("index:x=1"), List.of("id=npm,src=/run/npm"),
                List.of("type=gha"), List.of(), "mode=max", "true", true, true));
    }

    @Test
    void buildxSettingsAreRefusedWhenAnImageIsGated() {
        assertThatThrownBy(() -> new SpecAssembler(Map.of("build.secrets", "'secrets'")).apply(Settings.builder().image("r.example/app:1").labels(Map.of("a", "1")).secrets(List.of("id=s,env=S"))
                .cacheFrom(List.of("type=gha")).noCache(true).build(), SpecDraft.empty()))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessageStartingWith("build.labels, 'secrets', build.cache-from, build.no-cache apply to a build");
    }

    @Test
    void nothingGivenLeavesTheFileAsItIs() {
        assertThat(APPLY.apply(Settings.builder().build(), FILE)).isEqualTo(FILE);
    }

    @Test
    void anImageReplacesTheFilesBuildAndTheSettingsGivenReplaceTheirKeys() {
        GateSpec s = APPLY.apply(Settings.builder().image("r.example/other@sha256:" + "a".repeat(64)).platforms("linux/arm64")
                .installEmulation(false).promote(List.of("r.example/app:2")).build(), FILE).toSpec();
        assertThat(s.build()).isNull();
        assertThat(s.image()).startsWith("r.example/other@");
        assertThat(s.platforms()).containsExactly(Platform.parse("linux/arm64"));
        assertThat(s.installEmulation()).isFalse();
        assertThat(s.promote()).containsExactly("r.example/app:2");
        assertThat(s.smoke()).extracting(SmokeTest::name).containsExactly("version");
    }

    @Test
    void buildArgumentsMergeAndASmokeSettingReplacesTheFilesTests() {
        GateSpec s = APPLY.apply(Settings.builder().buildArgs(Map.of("B", "3", "C", "4")).expectExit(2).build(), FILE).toSpec();
        assertThat(s.build().args()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "3", "C", "4"));
        assertThat(s.build().push()).isTrue();
        assertThat(s.smoke()).singleElement().satisfies(t -> {
            assertThat(t.command()).isEmpty();
            assertThat(t.exitCode()).isEqualTo(2);
            assertThat(t.mode()).isEqualTo(SmokeTest.Mode.COMMAND);
        });
    }

    @Test
    void theBuilderTheEnginesAndTheCpuModelsGivenOverrideTheFilePlatformByPlatform() {
        GateSpec s = APPLY.apply(Settings.builder().builder("other")
                .engines(Map.of(ARM64, EngineEndpoint.of("tcp://new-arm:2376")))
                .emulationCpu(Map.of(ARM64, "cortex-a72", AMD64, "Haswell")).build(), FILE).toSpec();
        assertThat(s.machines().builder()).isEqualTo("other");
        assertThat(s.machines().engines()).containsOnly(Map.entry(ARM64, EngineEndpoint.of("tcp://new-arm:2376")),
                Map.entry(S390X, EngineEndpoint.of("tcp://z-host:2376")));
        assertThat(s.emulationCpu()).containsOnly(Map.entry(ARM64, "cortex-a72"), Map.entry(AMD64, "Haswell"));
    }

    @Test
    void eachPolicyLimitGivenReplacesItsKeyAndTheOtherKeepsTheFiles() {
        GateSpec budget = APPLY.apply(Settings.builder().sizeBudget(100L).build(), FILE).toSpec();
        assertThat(budget.policy()).isEqualTo(new PolicyLimits(100L, 20L * 1024 * 1024));
        GateSpec wasted = APPLY.apply(Settings.builder().wastedBytes(5L).build(), FILE).toSpec();
        assertThat(wasted.policy()).isEqualTo(new PolicyLimits(150L * 1024 * 1024, 5L));
    }

    @Test
    void settingsNotGivenLeaveTheFilesMachinesCpuModelsAndPolicy() {
        GateSpec file = FILE.toSpec();
        GateSpec s = APPLY.apply(Settings.builder().platforms("linux/arm64").engines(Map.of()).emulationCpu(null).build(), FILE).toSpec();
        assertThat(s.machines()).isEqualTo(file.machines());
        assertThat(s.machines().builder()).isEqualTo("multinode");
        assertThat(s.emulationCpu()).isEqualTo(Map.of(ARM64, "cortex-a53"));
        assertThat(s.policy()).isEqualTo(file.policy()).isEqualTo(new PolicyLimits(150L * 1024 * 1024, 20L * 1024 * 1024));
    }

    @Test
    void overridesOfTheNewKeysOverAnEmptyDraftGiveTheirValuesAndTheDefaultsTheRest() {
        GateSpec s = APPLY.apply(Settings.builder().image("r.example/app:1").platforms("linux/amd64").sizeBudget(1000L).builder("b")
                .build(), SpecDraft.empty()).toSpec();
        assertThat(s.policy()).isEqualTo(new PolicyLimits(1000L, PolicyLimits.DEFAULT_WASTED_BYTES));
        assertThat(s.machines()).isEqualTo(new Machines("b", Map.of()));
        assertThat(s.emulationCpu()).isEmpty();
    }

    @Test
    void aListOfSmokeTestsReplacesTheFilesAndCannotBeMixedWithOneTestsSettings() {
        SmokeTest serves = new SmokeTest("serves", SmokeTest.Mode.SERVICE, List.of(), 0, "", "", SmokeTest.DEFAULT_TIMEOUT,
                SmokeTest.DEFAULT_READY);
        assertThat(APPLY.apply(Settings.builder().smoke(List.of(serves)).build(), FILE).toSpec().smoke()).containsExactly(serves);
        assertThatThrownBy(() -> Settings.builder().smoke(List.of(serves)).expectExit(1).build())
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void engineSettingsAreCheckedNamingWhereTheyCameFrom() {
        assertThat(EngineEndpoint.all(Map.of("aarch64", "ssh://pi@arm"), "--engine"))
                .containsOnly(Map.entry(ARM64, EngineEndpoint.of("ssh://pi@arm")));
        assertThatThrownBy(() -> EngineEndpoint.all(Map.of("linux/sparc", "tcp://h:2376"), "--engine"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageStartingWith("--engine: unknown platform 'linux/sparc'");
        assertThatThrownBy(() -> EngineEndpoint.all(Map.of("linux/arm64", "arm-host:2376"), "engines"))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining("'arm-host:2376' is not one docker understands");
    }

    @Test
    void theBuilderIsSnapshottedByBuild() {
        SettingsBuilder b = Settings.builder().platforms("linux/amd64");
        Settings first = b.build();
        b.platforms("linux/s390x");
        assertThat(APPLY.apply(first, FILE).platforms()).containsExactly(Platform.parse("linux/amd64"));
    }
}
