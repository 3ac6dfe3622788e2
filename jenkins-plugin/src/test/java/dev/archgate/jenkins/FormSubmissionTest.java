package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SpecLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The builder and the snippet generator configured through their forms, with the JSON exactly as Jenkins submits it
 * ({@link FormJson}: hudson-behavior.js's buildFormTree, empty text areas as {@code ""}, unchecked boxes as
 * {@code false}) bound by Stapler's rules ({@link StaplerBinder}: RequestImpl.java, an empty text area becoming
 * {@code [""]}). The spec must be the one archgate.yml gives for what the user typed, nothing more.
 */
class FormSubmissionTest {
    private static final UnaryOperator<String> ENV = Map.of("BUILD_ID", "42")::get;
    private static final String IMAGE = "127.0.0.1:5000/archgate/fixtures/good-static@sha256:" + "0".repeat(64);

    @TempDir
    Path workspace;

    @Test
    void aFreestyleFormThatGatesAnImageIsTheGateOfThatImage() throws Exception {
        ArchgateBuilder builder = StaplerBinder.bind(ArchgateBuilder.class, FormJson.submitted(ArchgateBuilder.class,
                Map.of("image", IMAGE, "platforms", "linux/amd64\nlinux/arm64\n")));

        assertThat(builder.parameters().toSpec(workspace, ENV)).isEqualTo(yaml("""
                version: 1
                image: "%s"
                platforms: [linux/amd64, linux/arm64]
                emulation: {strict: true, install: false}
                report: {dir: archgate-report}
                """.formatted(IMAGE)));
    }

    @Test
    void aFreestyleFormThatBuildsIsTheBuildOfThatContext() throws Exception {
        ArchgateBuilder builder = StaplerBinder.bind(ArchgateBuilder.class, FormJson.submitted(ArchgateBuilder.class,
                Map.of("context", ".", "platforms", "linux/amd64", "buildArgs", "VERSION=1.2\n\nMODE=fast",
                        "smoke", Map.of("name", "version", "mode", "", "command", "/app\n--version", "exitCode", "",
                                "stdout", "^app ", "stderr", "", "timeout", "", "ready", ""))));

        assertThat(builder.parameters().toSpec(workspace, ENV)).isEqualTo(yaml("""
                version: 1
                build: {context: ., args: {VERSION: "1.2", MODE: fast}, push: false}
                platforms: [linux/amd64]
                smoke: [{name: version, command: [/app, --version], expect: {stdout: "^app "}}]
                emulation: {strict: true, install: false}
                report: {dir: archgate-report}
                """));
    }

    @Test
    void aFreestyleFormsBuildxFieldsAreTheBuildSettingsArchgateYmlGives() throws Exception {
        ArchgateBuilder builder = StaplerBinder.bind(ArchgateBuilder.class, FormJson.submitted(ArchgateBuilder.class,
                Map.ofEntries(Map.entry("context", "."), Map.entry("platforms", "linux/amd64"),
                        Map.entry("labels", "org.opencontainers.image.title=app\n\nteam=core\n"),
                        Map.entry("annotations", "index:org.opencontainers.image.title=app"),
                        Map.entry("secrets", "id=token,env=TOKEN"), Map.entry("cacheFrom", "type=registry,ref=reg.example/app:cache"),
                        Map.entry("cacheTo", "type=registry,ref=reg.example/app:cache,mode=max"), Map.entry("provenance", "mode=max"),
                        Map.entry("sbom", "false"), Map.entry("noCache", true), Map.entry("pull", true))));

        assertThat(builder.parameters().toSpec(workspace, ENV)).isEqualTo(yaml("""
                version: 1
                build:
                  context: .
                  push: false
                  labels: {org.opencontainers.image.title: app, team: core}
                  annotations: ["index:org.opencontainers.image.title=app"]
                  secrets: ["id=token,env=TOKEN"]
                  cache-from: ["type=registry,ref=reg.example/app:cache"]
                  cache-to: ["type=registry,ref=reg.example/app:cache,mode=max"]
                  provenance: mode=max
                  sbom: "false"
                  no-cache: true
                  pull: true
                platforms: [linux/amd64]
                emulation: {strict: true, install: false}
                report: {dir: archgate-report}
                """));
    }

    @Test
    void theSnippetGeneratorWritesWhatTheFormSetAndNoBlankItem() throws Exception {
        ArchgateStep step = StaplerBinder.bind(ArchgateStep.class, FormJson.submitted(ArchgateStep.class,
                Map.of("image", IMAGE, "platforms", "linux/amd64\nlinux/arm64", "strictEmulation", false)));

        assertThat(Snippets.generate("archgate", step)).isEqualTo("archgate image: '" + IMAGE + "', installEmulation: false, "
                + "noCache: false, platforms: ['linux/amd64', 'linux/arm64'], pull: false, push: false, strictEmulation: false");
        assertThat(ParameterBindingTest.bind(new ArchgateStep(), Snippets.arguments(step)).parameters().toSpec(workspace, ENV))
                .as("the snippet run as a Pipeline step").isEqualTo(step.parameters().toSpec(workspace, ENV));
    }

    @Test
    void aTextAreaOfOneBlankLineIsNoItemButAPipelineListKeepsABlankArgument() throws Exception {
        ArchgateBuilder builder = StaplerBinder.bind(ArchgateBuilder.class, "{\"engines\": \"  \", \"tags\": [\"\"]}");
        assertThat(builder.getEngines()).isEmpty();
        assertThat(builder.getTags()).isEmpty();
        SmokeEntry entry = ParameterBindingTest.bind(new SmokeEntry(), Map.of("command", List.of("sh", "-c", "")));
        assertThat(entry.getCommand()).containsExactly("sh", "-c", "");
    }

    private GateSpec yaml(String yaml) {
        return new SpecLoader(ENV).parse(yaml, "archgate.yml", workspace).toSpec();
    }
}
