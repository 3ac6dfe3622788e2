package dev.archgate.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.Platform;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The one mapping of adapter settings over archgate.yml that the CLI, the action and the Jenkins step share. */
class SpecOverridesTest {
    private static final SpecDraft FILE = new SpecLoader(k -> null).parse("""
            version: 1
            build: {context: app, args: {A: "1", B: "2"}, push: true, tags: [r.example/app:c]}
            platforms: [linux/amd64, linux/arm64]
            smoke:
              - {name: version, command: [/app, --version]}
            emulation: {install: true}
            promote: [r.example/app:1]
            """, "archgate.yml", Path.of("/repo"));

    @Test
    void nothingGivenLeavesTheFileAsItIs() {
        assertThat(SpecOverrides.builder().build().applyTo(FILE)).isEqualTo(FILE);
    }

    @Test
    void anImageReplacesTheFilesBuildAndTheSettingsGivenReplaceTheirKeys() {
        GateSpec s = SpecOverrides.builder().image("r.example/other@sha256:" + "a".repeat(64)).platforms("linux/arm64")
                .installEmulation(false).promote(List.of("r.example/app:2")).build().applyTo(FILE).toSpec();
        assertThat(s.build()).isNull();
        assertThat(s.image()).startsWith("r.example/other@");
        assertThat(s.platforms()).containsExactly(Platform.parse("linux/arm64"));
        assertThat(s.installEmulation()).isFalse();
        assertThat(s.promote()).containsExactly("r.example/app:2");
        assertThat(s.smoke()).extracting(SmokeTest::name).containsExactly("version");
    }

    @Test
    void buildArgumentsMergeAndASmokeSettingReplacesTheFilesTests() {
        GateSpec s = SpecOverrides.builder().buildArgs(Map.of("B", "3", "C", "4")).expectExit(2).build().applyTo(FILE).toSpec();
        assertThat(s.build().args()).containsExactlyInAnyOrderEntriesOf(Map.of("A", "1", "B", "3", "C", "4"));
        assertThat(s.build().push()).isTrue();
        assertThat(s.smoke()).singleElement().satisfies(t -> {
            assertThat(t.command()).isEmpty();
            assertThat(t.exitCode()).isEqualTo(2);
            assertThat(t.mode()).isEqualTo(SmokeTest.Mode.COMMAND);
        });
    }

    @Test
    void theBuilderIsSnapshottedByBuild() {
        SpecOverrides.Builder b = SpecOverrides.builder().platforms("linux/amd64");
        SpecOverrides first = b.build();
        b.platforms("linux/s390x");
        assertThat(first.applyTo(FILE).platforms()).containsExactly(Platform.parse("linux/amd64"));
    }
}
