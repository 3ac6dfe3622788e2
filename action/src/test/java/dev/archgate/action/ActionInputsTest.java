package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.gate.ExitStatus;
import dev.archgate.platform.Platform;
import dev.archgate.spec.BuildOptions;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inputs as the runner passes them, mapped to the gate spec. */
class ActionInputsTest {
    @TempDir
    Path workspace;

    private GateSpec spec(Map<String, String> inputs) {
        Map<String, String> env = new HashMap<>();
        inputs.forEach((k, v) -> env.put(Inputs.variable(k), v));
        return ActionSpec.from(new Inputs(env), workspace, env::get, List.of());
    }

    @Test
    void hyphenatedNamesAreReadWithTheHyphenKept() {
        assertThat(Inputs.variable("smoke-command")).isEqualTo("INPUT_SMOKE-COMMAND");
        assertThat(Inputs.variable("build args")).isEqualTo("INPUT_BUILD_ARGS");
        GateSpec s = spec(Map.of("image", "r.example/app:1", "platforms", "linux/amd64,linux/arm64", "smoke-command", "/app  --version",
                "expect-stdout", "^app ", "expect-exit", "3", "timeout", "45s"));
        SmokeTest t = s.smoke().get(0);
        assertThat(t.command()).containsExactly("/app", "--version");
        assertThat(t.mode()).isEqualTo(SmokeTest.Mode.COMMAND);
        assertThat(t.stdout()).isEqualTo("^app ");
        assertThat(t.exitCode()).isEqualTo(3);
        assertThat(t.timeout()).isEqualTo(Duration.ofSeconds(45));
        assertThat(s.platforms()).containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
    }

    @Test
    void emptyInputsAreUnsetAndTheActionDefaultsApply() {
        GateSpec s = spec(Map.of("image", "r.example/app:1", "platforms", "linux/arm64", "smoke-command", "", "strict-emulation", "  ",
                "install-emulation", "", "report-dir", "", "promote", ""));
        assertThat(s.smoke()).containsExactly(SmokeTest.starts());
        assertThat(s.strictEmulation()).isTrue();
        assertThat(s.installEmulation()).isTrue();
        assertThat(s.reportDir()).isEqualTo(workspace.resolve("archgate-report"));
        assertThat(s.promote()).isEmpty();
    }

    /**
     * The buildx inputs under docker/build-push-action's names (its action.yml) and list forms (src/context.ts: every
     * one of them a getInputList with ignoreComma, no-cache and pull getBooleanInput, provenance and sbom as given).
     */
    @Test
    void buildxInputsUnderBuildPushActionsNamesBecomeTheBuildsOptions() {
        Map<String, String> inputs = new HashMap<>(Map.of("context", ".", "platforms", "linux/amd64",
                "build-args", "MY_ARG=val1,val2,val3\nARG=val", "labels", "org.opencontainers.image.title=app\na=b,c",
                "annotations", "index:org.opencontainers.image.description=x,y", "cache-from", "user/app:cache\ntype=local,src=path/to/dir",
                "cache-to", "type=inline", "provenance", "mode=max", "sbom", "true", "no-cache", "true"));
        inputs.put("pull", "True");
        Map<String, String> env = new HashMap<>();
        inputs.forEach((k, v) -> env.put(Inputs.variable(k), v));
        GateSpec s = ActionSpec.from(new Inputs(env), workspace, env::get, List.of("id=npm,src=/tmp/x"));
        assertThat(s.build().args()).containsExactlyInAnyOrderEntriesOf(Map.of("MY_ARG", "val1,val2,val3", "ARG", "val"));
        assertThat(s.build().options()).isEqualTo(new BuildOptions(Map.of("org.opencontainers.image.title", "app", "a", "b,c"),
                List.of("index:org.opencontainers.image.description=x,y"), List.of("id=npm,src=/tmp/x"),
                List.of("user/app:cache", "type=local,src=path/to/dir"), List.of("type=inline"), "mode=max", "true", true, true));
    }

    @Test
    void buildxInputsBesideAnImageAreRefusedByTheirInputNames() {
        assertThatThrownBy(() -> spec(Map.of("image", "r.example/app:1", "platforms", "linux/amd64", "labels", "a=b", "pull", "true")))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessageStartingWith("'labels', 'pull' apply to a build");
    }

    /** docker/build-push-action's names and list forms (its action.yml; src/context.ts reads tags as a comma or newline list). */
    @Test
    void buildPushActionsTargetBuilderAndCommaListsMeanWhatTheyMeanThere() {
        GateSpec s = spec(Map.of("context", ".", "platforms", "linux/amd64", "tags", "r.example/app:candidate", "push", "true",
                "target", "runtime", "builder", "builder-1a2b", "promote", "r.example/app:1.2.3, r.example/app:latest"));
        assertThat(s.build().target()).isEqualTo("runtime");
        assertThat(s.machines().builder()).isEqualTo("builder-1a2b");
        assertThat(s.promote()).containsExactly("r.example/app:1.2.3", "r.example/app:latest");
    }

    @Test
    void multiLineInputsGiveOneValuePerLine() {
        GateSpec s = spec(Map.of("context", ".", "platforms", "linux/amd64\nlinux/arm64\n", "build-args", "VERSION=1.2.3\n\nNOTE=a=b c\n",
                "promote", "r.example/app:1.2.3\nr.example/app:latest\n", "tags", "r.example/app:candidate", "push", "true"));
        assertThat(s.build().args()).containsEntry("VERSION", "1.2.3").containsEntry("NOTE", "a=b c").hasSize(2);
        assertThat(s.promote()).containsExactly("r.example/app:1.2.3", "r.example/app:latest");
        assertThat(s.platforms()).hasSize(2);
        assertThat(s.build().tags()).containsExactly("r.example/app:candidate");
        assertThat(s.build().push()).isTrue();
    }

    @Test
    void booleansAreTrueOrFalseInAnyCase() {
        assertThat(spec(Map.of("image", "a", "platforms", "linux/arm64", "strict-emulation", "FALSE")).strictEmulation()).isFalse();
        assertThat(spec(Map.of("image", "a", "platforms", "linux/arm64", "strict-emulation", "True")).strictEmulation()).isTrue();
        assertThat(spec(Map.of("image", "a", "platforms", "linux/arm64", "install-emulation", "false")).installEmulation()).isFalse();
        assertThatThrownBy(() -> spec(Map.of("image", "a", "platforms", "linux/arm64", "push", "yes")))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessage("input 'push' is 'yes': use true or false");
    }

    @Test
    void relativePathsAreTheWorkspaces() {
        GateSpec s = spec(Map.of("context", "app", "file", "app/Dockerfile.release", "platforms", "linux/amd64", "report-dir", "out/gate"));
        assertThat(s.build().context()).isEqualTo(workspace.resolve("app"));
        assertThat(s.build().dockerfile()).isEqualTo(workspace.resolve("app/Dockerfile.release"));
        assertThat(s.reportDir()).isEqualTo(workspace.resolve("out/gate"));
    }

    @Test
    void inputsOverrideArchgateYml() throws Exception {
        Files.writeString(workspace.resolve("archgate.yml"), """
                version: 1
                image: r.example/app:from-file
                platforms: [linux/amd64, linux/arm64, linux/arm/v7]
                emulation: {install: false, strict: true}
                smoke:
                  - {name: version, command: [/app, --version]}
                report: {dir: from-file}
                """);
        GateSpec fromFile = spec(Map.of());
        assertThat(fromFile.image()).isEqualTo("r.example/app:from-file");
        assertThat(fromFile.installEmulation()).isFalse();
        assertThat(fromFile.platforms()).hasSize(3);
        assertThat(fromFile.smoke()).extracting(SmokeTest::name).containsExactly("version");
        GateSpec over = spec(Map.of("image", "r.example/app:input", "platforms", "linux/arm64", "strict-emulation", "false",
                "smoke-mode", "service", "report-dir", "given"));
        assertThat(over.image()).isEqualTo("r.example/app:input");
        assertThat(over.platforms()).containsExactly(Platform.parse("linux/arm64"));
        assertThat(over.strictEmulation()).isFalse();
        assertThat(over.installEmulation()).isFalse();
        assertThat(over.smoke()).extracting(SmokeTest::mode).containsExactly(SmokeTest.Mode.SERVICE);
        assertThat(over.reportDir()).isEqualTo(workspace.resolve("given"));
    }

    @Test
    void badInputsAreOneSentenceAndStatusTwo() {
        List<Map<String, String>> bad = List.of(
                Map.of("image", "a", "platforms", "linux/sparc"),
                Map.of("image", "a", "context", ".", "platforms", "linux/amd64"),
                Map.of("config", "missing.yml"),
                Map.of("image", "a", "platforms", "linux/amd64", "expect-exit", "zero"),
                Map.of("image", "a", "platforms", "linux/amd64", "smoke-mode", "daemon"),
                Map.of("context", ".", "platforms", "linux/amd64", "build-args", "NOEQUALS"),
                Map.of("platforms", "linux/amd64"),
                Map.of("image", "a"));
        for (Map<String, String> inputs : bad) {
            assertThatThrownBy(() -> spec(inputs)).satisfies(e -> {
                assertThat(ExitStatus.of(e)).as(inputs.toString()).isEqualTo(ExitStatus.USAGE);
                assertThat(e.getMessage()).as(inputs.toString()).doesNotContain("\n").matches(".*: .*");
            });
        }
        assertThatThrownBy(() -> spec(Map.of("image", "a", "context", ".", "platforms", "linux/amd64")))
                .hasMessageStartingWith("both the input 'image' and the input 'context' are given");
        assertThatThrownBy(() -> spec(Map.of("config", "missing.yml"))).hasMessageContaining("config file missing.yml does not exist");
        assertThatThrownBy(() -> spec(Map.of("image", "a", "platforms", "linux/amd64", "expect-exit", "zero")))
                .hasMessage("input 'expect-exit' is 'zero': give a whole number such as 0");
        assertThatThrownBy(() -> spec(Map.of("image", "a", "platforms", "linux/sparc"))).hasMessageContaining("unknown platform 'linux/sparc'");
        // build inputs beside an image were dropped without a word before
        assertThatThrownBy(() -> spec(Map.of("image", "a", "platforms", "linux/amd64", "tags", "registry.example/app:2", "push", "true")))
                .hasMessage("'tags', 'push' apply to a build, but nothing is built here: give the input 'context' (or build: in archgate.yml), "
                        + "or leave them out when gating an image");
    }

    private ActionMerge merge(Map<String, String> inputs) {
        Map<String, String> env = new HashMap<>();
        inputs.forEach((k, v) -> env.put(Inputs.variable(k), v));
        return ActionMerge.from(new Inputs(env), workspace);
    }

    @Test
    void mergeReportsAreOnePathPerLineAndADirectoryMeansItsReportJson() throws Exception {
        Files.createDirectories(workspace.resolve("reports/linux-arm64"));
        Map<String, String> inputs = new HashMap<>(Map.of("merge-reports", "reports/linux-arm64\n\n  reports/amd64.json  \n",
                "platforms", "linux/amd64\nlinux/arm64", "promote", "r.example/app:1.2.3\nr.example/app:latest\n"));
        inputs.put("image", "");
        inputs.put("config", " ");
        assertThat(ActionMerge.requested(new Inputs(Map.of(Inputs.variable("merge-reports"), " ")))).isFalse();
        ActionMerge m = merge(inputs);
        assertThat(m.reports()).containsExactly(workspace.resolve("reports/linux-arm64/report.json"), workspace.resolve("reports/amd64.json"));
        assertThat(m.platforms()).containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
        assertThat(m.promote()).containsExactly("r.example/app:1.2.3", "r.example/app:latest");
        assertThat(m.reportDir()).isEqualTo(workspace.resolve("archgate-report"));
        assertThat(merge(Map.of("merge-reports", "a.json", "platforms", "linux/arm64", "report-dir", "merged")).reportDir())
                .isEqualTo(workspace.resolve("merged"));
    }

    @Test
    void mergeReportsWithGateInputsOrWithoutPlatformsIsOneSentenceAndStatusTwo() {
        for (String gateInput : List.of("image", "context", "config", "smoke-command")) {
            assertThatThrownBy(() -> merge(Map.of("merge-reports", "a", "platforms", "linux/amd64", gateInput, "x"))).satisfies(e -> {
                assertThat(ExitStatus.of(e)).isEqualTo(ExitStatus.USAGE);
                assertThat(e.getMessage()).doesNotContain("\n")
                        .startsWith("the inputs 'merge-reports' and '" + gateInput + "' are both set: ");
            });
        }
        assertThatThrownBy(() -> merge(Map.of("merge-reports", "a"))).satisfies(e -> {
            assertThat(ExitStatus.of(e)).isEqualTo(ExitStatus.USAGE);
            assertThat(e.getMessage()).isEqualTo("merge-reports needs the input 'platforms': the platforms the release requires, e.g. "
                    + "linux/amd64,linux/arm64");
        });
        assertThatThrownBy(() -> merge(Map.of("merge-reports", "a", "platforms", "linux/sparc")))
                .satisfies(e -> assertThat(ExitStatus.of(e)).isEqualTo(ExitStatus.USAGE));
    }
}
