package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SpecLoader;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * Every archgate.yml key has a parameter of the step and of the builder, and parameters bound the way Jenkins binds
 * them (through the {@link DataBoundSetter}s) give the same GateSpec as the YAML loader gives for the same values.
 */
class ParameterBindingTest {
    /** archgate.yml key (dotted) to the parameter that sets it; smoke.* keys are parameters of a smoke entry. */
    private static final Map<String, String> KEYS = Map.ofEntries(
            Map.entry("build.context", "context"), Map.entry("build.dockerfile", "file"), Map.entry("build.args", "buildArgs"),
            Map.entry("build.push", "push"), Map.entry("build.tags", "tags"), Map.entry("build.target", "target"),
            Map.entry("image", "image"), Map.entry("platforms", "platforms"),
            Map.entry("smoke.name", "name"), Map.entry("smoke.mode", "mode"), Map.entry("smoke.command", "command"),
            Map.entry("smoke.expect.exitCode", "exitCode"), Map.entry("smoke.expect.stdout", "stdout"),
            Map.entry("smoke.expect.stderr", "stderr"), Map.entry("smoke.timeout", "timeout"), Map.entry("smoke.ready", "ready"),
            Map.entry("emulation.strict", "strictEmulation"), Map.entry("emulation.install", "installEmulation"),
            Map.entry("checks", "checks"), Map.entry("checks.ignore-paths", "ignorePaths"), Map.entry("report.dir", "reportDir"),
            Map.entry("promote", "promote"), Map.entry("registries.insecure", "insecureRegistries"),
            Map.entry("build.builder", "builder"), Map.entry("engines", "engines"), Map.entry("emulation.cpu", "emulationCpu"),
            Map.entry("hardware.page-size", "pageSize"), Map.entry("hardware.cpu", "hardwareCpu"),
            Map.entry("policy", "sizeBudget"), Map.entry("build.labels", "labels"), Map.entry("build.annotations", "annotations"), Map.entry("build.secrets", "secrets"), Map.entry("build.cache-from", "cacheFrom"), Map.entry("build.cache-to", "cacheTo"), Map.entry("build.provenance", "provenance"), Map.entry("build.sbom", "sbom"), Map.entry("build.no-cache", "noCache"), Map.entry("build.pull", "pull"));

    private static final UnaryOperator<String> ENV = Map.of("BUILD_ID", "42")::get;

    @TempDir
    Path workspace;

    @Test
    void everyKeyTheLoaderAcceptsHasAParameterOfTheStepAndTheBuilder() throws Exception {
        Set<String> loaderKeys = loaderKeys();
        loaderKeys.remove("version"); // the file format's version, not a setting
        Set<String> mapped = new TreeSet<>(KEYS.keySet());
        mapped.remove("checks.ignore-paths"); // a key inside checks:, next to the check ids
        assertThat(mapped).as("archgate.yml keys the loader accepts").isEqualTo(loaderKeys);

        for (Map.Entry<String, String> e : KEYS.entrySet()) {
            if (e.getKey().startsWith("smoke.")) {
                assertThat(setters(SmokeEntry.class)).as(e.getKey()).contains(e.getValue());
            } else {
                assertThat(setters(ArchgateStep.class)).as(e.getKey()).contains(e.getValue());
                assertThat(setters(ArchgateBuilder.class)).as(e.getKey()).contains(e.getValue());
            }
        }
        assertThat(setters(ArchgateStep.class)).isEqualTo(setters(ArchgateBuilder.class))
                .contains("config", "smoke", "unstableOnWarning", "wastedBytes");
    }

    @Test
    void aBuildGivenAsParametersIsTheSpecTheLoaderReadsFromTheSameYaml() throws Exception {
        String yaml = """
                version: 1
                build: {context: ctx, dockerfile: ctx/Dockerfile.release, args: {VERSION: "1.2.${BUILD_ID}", MODE: "a b"}, push: true,
                        tags: [reg.example/app:cand], target: runtime, builder: multinode, labels: {team: gates}, annotations: ["index:a=b"],
                        secrets: ["id=npm,env=NPM_TOKEN"], cache-from: [type=gha], cache-to: ["type=gha,mode=max"], provenance: mode=max,
                        sbom: true, no-cache: true, pull: true}
                engines: {linux/arm64: "tcp://arm-host:2376", linux/arm/v7: "ssh://pi@armv7"}
                policy: {size-budget: 150MiB, wasted-bytes: 1.5MB}
                platforms: [linux/amd64, aarch64, linux/arm/v7]
                smoke:
                  - {name: version, command: [/app, --version], expect: {exitCode: 3, stdout: "^app ", stderr: warn}, timeout: 30s}
                  - {name: serves, mode: service, ready: 5s}
                emulation: {strict: false, install: true, cpu: {linux/arm64: cortex-a53, linux/amd64: "Haswell,-avx2"}}
                checks: {policy.root-user: info, elf.arm-level: warning, ignore-paths: ["/usr/share/firmware/**"]}
                report: {dir: out/reports}
                promote: [reg.example/app:1.2.3]
                registries: {insecure: ["reg.example:5000"]}
                hardware: {page-size: {linux/arm64: 16k}, cpu: {linux/arm64: cortex-a72}}
                """;
        ArchgateStep step = bind(new ArchgateStep(), Map.ofEntries(
                Map.entry("context", "ctx"), Map.entry("file", "ctx/Dockerfile.release"), Map.entry("buildArgs", List.of("VERSION=1.2.42", "MODE=a b")),
                Map.entry("push", true), Map.entry("tags", List.of("reg.example/app:cand")), Map.entry("target", "runtime"),
                Map.entry("labels", List.of("team=gates")), Map.entry("annotations", List.of("index:a=b")),
                Map.entry("secrets", List.of("id=npm,env=NPM_TOKEN")), Map.entry("cacheFrom", List.of("type=gha")),
                Map.entry("cacheTo", List.of("type=gha,mode=max")), Map.entry("provenance", "mode=max"), Map.entry("sbom", "true"),
                Map.entry("noCache", true), Map.entry("pull", true),
                Map.entry("platforms", List.of("linux/amd64", "aarch64", "linux/arm/v7")),
                Map.entry("smoke", List.of(
                        smoke(Map.of("name", "version", "command", List.of("/app", "--version"), "exitCode", 3, "stdout", "^app ",
                                "stderr", "warn", "timeout", "30s")),
                        smoke(Map.of("name", "serves", "mode", "service", "ready", "5s")))),
                Map.entry("strictEmulation", false), Map.entry("installEmulation", true),
                Map.entry("checks", List.of("policy.root-user=info", "elf.arm-level=warning")),
                Map.entry("ignorePaths", List.of("/usr/share/firmware/**")), Map.entry("reportDir", "out/reports"),
                Map.entry("promote", List.of("reg.example/app:1.2.3")), Map.entry("insecureRegistries", List.of("reg.example:5000")),
                Map.entry("builder", "multinode"), Map.entry("engines", List.of("linux/arm64=tcp://arm-host:2376", "linux/arm/v7=ssh://pi@armv7")),
                Map.entry("emulationCpu", List.of("linux/arm64=cortex-a53", "linux/amd64=Haswell,-avx2")),
                Map.entry("pageSize", List.of("linux/arm64=16k")), Map.entry("hardwareCpu", List.of("linux/arm64=cortex-a72")),
                Map.entry("sizeBudget", "150MiB"), Map.entry("wastedBytes", "1.5MB")));

        GateSpec fromYaml = new SpecLoader(ENV).parse(yaml, "archgate.yml", workspace).toSpec();
        assertThat(step.parameters().toSpec(workspace, ENV)).isEqualTo(fromYaml);
        assertThat(bind(new ArchgateBuilder(), stepValues(step)).parameters().toSpec(workspace, ENV)).isEqualTo(fromYaml);
    }

    @Test
    void anImageGivenAsAParameterIsTheSpecOfImageInYaml() throws Exception {
        String image = "127.0.0.1:5000/archgate/fixtures/good-static@sha256:" + "0".repeat(64);
        ArchgateStep step = bind(new ArchgateStep(), Map.of("image", image, "platforms", List.of("linux/amd64", "linux/s390x")));

        GateSpec fromYaml = new SpecLoader(ENV).parse("version: 1\nimage: \"" + image + "\"\nplatforms: [linux/amd64, linux/s390x]\n"
                + "report: {dir: archgate-report}\n", "archgate.yml", workspace).toSpec();
        assertThat(step.parameters().toSpec(workspace, ENV)).isEqualTo(fromYaml);
    }

    @Test
    void parametersOverrideTheKeysOfTheConfigFileAndKeepTheRest() throws Exception {
        Files.createDirectories(workspace.resolve("ci"));
        Files.writeString(workspace.resolve("ci/archgate.yml"), """
                version: 1
                build: {context: .., tags: ["reg.example/app:cand-${BUILD_ID}"], push: true, args: {A: "1"}}
                platforms: [linux/amd64]
                checks: {policy.root-user: info}
                promote: [reg.example/app:1.0.0]
                """);
        ArchgateStep step = bind(new ArchgateStep(), Map.of("config", "ci/archgate.yml", "platforms", List.of("linux/arm64"),
                "buildArgs", List.of("B=2"), "checks", List.of("elf.arm-level=off")));

        GateSpec expected = new SpecLoader(ENV).parse("""
                version: 1
                build: {context: .., tags: ["reg.example/app:cand-42"], push: true, args: {A: "1", B: "2"}}
                platforms: [linux/arm64]
                checks: {policy.root-user: info, elf.arm-level: "off"}
                promote: [reg.example/app:1.0.0]
                report: {dir: ../archgate-report}
                """, "archgate.yml", workspace.resolve("ci")).toSpec();
        GateSpec actual = step.parameters().toSpec(workspace, ENV);
        assertThat(actual.build()).isEqualTo(expected.build());
        assertThat(actual).usingRecursiveComparison().ignoringFields("reportDir").isEqualTo(expected);
        assertThat(actual.reportDir()).isEqualTo(workspace.resolve("archgate-report"));
    }

    @Test
    void badParametersGetOneSentenceNamingTheParameterAndTheFix() throws Exception {
        expect(Map.of("context", ".", "platforms", List.of("linux/amd64"), "buildArgs", List.of("NOEQUALS")), "buildArgs has 'NOEQUALS'");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "tags", List.of("a:b"), "push", true),
                "tags, push apply to a build, but nothing is built here");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "reportDir", "../elsewhere"), "outside the workspace");
        expect(Map.of("image", "x", "context", ".", "platforms", List.of("linux/amd64")), "both image and context are given");
        expect(Map.of("platforms", List.of("linux/amd64")), "nothing to gate");
        expect(Map.of("image", "x"), "no platforms");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "checks", List.of("elf.nope=error")), "unknown check 'elf.nope'");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "smoke", List.of(smoke(Map.of("timeout", "soon")))),
                "smoke[0].timeout is 'soon'");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "smoke", List.of(smoke(Map.of("stdout", "(")))),
                "smoke[0].stdout is not a valid regular expression");
        expect(Map.of("config", "missing.yml"), "does not exist");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "sizeBudget", "lots"), "sizeBudget is 'lots'");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "wastedBytes", "0"), "wastedBytes is '0'");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "engines", List.of("linux/arm64")), "engines has 'linux/arm64'");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "engines", List.of("linux/sparc=tcp://h:2376")),
                "engines: unknown platform 'linux/sparc'");
        expect(Map.of("image", "x", "platforms", List.of("linux/amd64"), "emulationCpu", List.of("linux/arm64=no such")),
                "'no such' for linux/arm64 is not a QEMU CPU model");
        assertThatThrownBy(() -> bind(new ArchgateStep(), Map.of("image", "x", "platforms", List.of("linux/sparc")))
                .parameters().toSpec(workspace, ENV)).hasMessageContaining("unknown platform 'linux/sparc'");
    }

    @Test
    void aFormTextAreaGivesOneItemPerLine() throws Exception {
        ArchgateBuilder builder = bind(new ArchgateBuilder(), Map.of("image", "x", "platforms", List.of("linux/amd64\nlinux/arm64\n"),
                "promote", List.of("reg.example/a:1\r\nreg.example/a:latest"),
                "smoke", List.of(smoke(Map.of("command", List.of("/app\n--version"))))));
        GateSpec spec = builder.parameters().toSpec(workspace, ENV);
        assertThat(spec.platforms()).hasToString("[linux/amd64, linux/arm64]");
        assertThat(spec.promote()).containsExactly("reg.example/a:1", "reg.example/a:latest");
        assertThat(spec.smoke().get(0).command()).containsExactly("/app", "--version");
        assertThat(new ArchgateBuilder.DescriptorImpl().lines(builder.getPromote())).isEqualTo("reg.example/a:1\nreg.example/a:latest");
    }

    private void expect(Map<String, Object> values, String message) throws Exception {
        ArchgateStep step = bind(new ArchgateStep(), values);
        assertThatThrownBy(() -> step.parameters().toSpec(workspace, ENV)).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageContaining(message);
    }

    /** The loader's accepted keys, dotted, read from its key sets so that a new key cannot go without a parameter. */
    private static Set<String> loaderKeys() throws Exception {
        Map<String, String> prefixes = Map.of("BUILD_KEYS", "build.", "SMOKE_KEYS", "smoke.", "EXPECT_KEYS", "smoke.expect.",
                "EMULATION_KEYS", "emulation.", "REPORT_KEYS", "report.", "REGISTRY_KEYS", "registries.", "HARDWARE_KEYS", "hardware.");
        Set<String> out = new TreeSet<>(keySet("ROOT_KEYS"));
        for (Map.Entry<String, String> p : prefixes.entrySet()) {
            keySet(p.getKey()).forEach(k -> out.add(p.getValue() + k));
        }
        // A key with keys under it (build, smoke, smoke.expect, ...) is set through those.
        prefixes.values().forEach(prefix -> out.remove(prefix.substring(0, prefix.length() - 1)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> keySet(String field) throws Exception {
        Field f = SpecLoader.class.getDeclaredField(field);
        f.setAccessible(true);
        return (Set<String>) f.get(null);
    }

    static Set<String> setters(Class<?> type) {
        return Arrays.stream(type.getMethods()).filter(m -> m.isAnnotationPresent(DataBoundSetter.class))
                .map(m -> Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4)).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Calls the data-bound setters, as Jenkins does when it binds a Pipeline map or a form. */
    static <T> T bind(T target, Map<String, ?> values) throws Exception {
        for (Map.Entry<String, ?> e : values.entrySet()) {
            String name = "set" + Character.toUpperCase(e.getKey().charAt(0)) + e.getKey().substring(1);
            Method setter = Arrays.stream(target.getClass().getMethods())
                    .filter(m -> m.getName().equals(name) && m.isAnnotationPresent(DataBoundSetter.class)).findFirst()
                    .orElseThrow(() -> new AssertionError("no parameter " + e.getKey() + " on " + target.getClass().getSimpleName()));
            setter.invoke(target, e.getValue());
        }
        return target;
    }

    private static SmokeEntry smoke(Map<String, ?> values) {
        try {
            return bind(new SmokeEntry(), values);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** The step's parameters read back through its getters, as the snippet generator reads them. */
    private static Map<String, Object> stepValues(ArchgateStep step) throws Exception {
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : setters(ArchgateStep.class)) {
            String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
            Method getter;
            try {
                getter = ArchgateStep.class.getMethod("get" + cap);
            } catch (NoSuchMethodException e) {
                getter = ArchgateStep.class.getMethod("is" + cap);
            }
            Object value = getter.invoke(step);
            if (value != null) {
                out.put(name, value);
            }
        }
        return out;
    }
}
