package dev.archgate.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one assembly of a run's spec the CLI, the Action and the Jenkins step share: which archgate.yml is read, what a
 * run needs, the items written KEY=VALUE and the smoke modes' names, each message in the adapter's own words. Source of
 * truth: archgate.yml as the loader reads it, and the names the adapters document (README).
 */
class SpecAssemblerTest {
    private static final SpecAssembler ACTION = new SpecAssembler(Map.of("image", "the input 'image'", "build.context",
            "the input 'context'", "platforms", "the input 'platforms'", "config", "the input 'config'", "build.args", "'build-args'"));

    @TempDir
    Path workspace;

    @Test
    void archgateYmlIsTheOneGivenElseTheBaseDirectorysElseNone() throws Exception {
        assertThat(ACTION.config(workspace, null)).as("no file in the workspace").isNull();
        Path usual = Files.writeString(workspace.resolve("archgate.yml"), "version: 1\nimage: r.example/app:1\n");
        assertThat(ACTION.config(workspace, null)).isEqualTo(usual);
        assertThat(ACTION.config(workspace, " ")).as("a blank form field names no file").isEqualTo(usual);
        Path other = Files.writeString(Files.createDirectories(workspace.resolve("ci")).resolve("gate.yml"), "version: 1\n");
        assertThat(ACTION.config(workspace, "ci/gate.yml")).isEqualTo(other);
        assertThatThrownBy(() -> ACTION.config(workspace, "ci/missing.yml")).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessage("the config file ci/missing.yml does not exist (" + workspace.resolve("ci/missing.yml")
                        + "): fix the input 'config' (relative paths start at " + workspace + ") or create the file");
    }

    @Test
    void theDraftIsTheFileWithTheSettingsOverIt() throws Exception {
        Files.writeString(Files.createDirectories(workspace.resolve("ci")).resolve("gate.yml"),
                "version: 1\nimage: ${IMAGE}\nplatforms: [linux/amd64]\n");
        GateSpec spec = ACTION.spec(ACTION.draft(workspace, Map.of("IMAGE", "r.example/app:1")::get,
                Settings.builder().config("ci/gate.yml").platforms("linux/arm64").build()));
        assertThat(spec.image()).isEqualTo("r.example/app:1");
        assertThat(spec.platforms()).containsExactly(Platform.parse("linux/arm64"));
    }

    @Test
    void aRunWithNothingToGateOrNoPlatformsIsRefusedInTheAdaptersWords() {
        assertThatThrownBy(() -> ACTION.spec(SpecDraft.empty().withPlatforms(List.of(Platform.parse("linux/amd64")))))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessage("nothing to gate: give the input 'image' (an image to gate) or the input "
                        + "'context' (a directory to build), or build: or image: in archgate.yml");
        assertThatThrownBy(() -> ACTION.spec(SpecDraft.empty().withImage("r.example/app:1"))).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessage("no platforms: give the input 'platforms' (e.g. linux/amd64,linux/arm64) or platforms: in archgate.yml");
        assertThatThrownBy(() -> ACTION.apply(Settings.builder().image("r.example/app:1").context(workspace).build(), SpecDraft.empty()))
                .isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE).hasMessage("both the input 'image' and the input 'context' are given: give the input "
                        + "'image' to gate an existing image, or the input 'context' to build one");
        assertThatThrownBy(() -> new SpecAssembler(Map.of()).spec(SpecDraft.empty().withImage("r.example/app:1")))
                .as("a key the adapter does not name is named as archgate.yml names it").hasMessageStartingWith("no platforms: give platforms ");
    }

    @Test
    void keyValueItemsKeepTheirOrderAndTheValueAsWritten() {
        assertThat(ACTION.pairs(List.of("B=2", " A =x=y", "EMPTY="), "build.args", "KEY=VALUE"))
                .containsExactly(Map.entry("B", "2"), Map.entry("A", "x=y"), Map.entry("EMPTY", ""));
        for (String bad : List.of("NOEQUALS", "=value", "  =value")) {
            assertThatThrownBy(() -> ACTION.pairs(List.of("A=1", bad), "build.args", "KEY=VALUE")).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                    .hasMessage("'build-args' has '" + bad + "': write each item as KEY=VALUE");
        }
    }

    @Test
    void smokeModesAreArchgateYmlsNamesAndTheActionsRun() {
        assertThat(SmokeTest.Mode.named("command", "smoke[0].mode")).isEqualTo(SmokeTest.Mode.COMMAND);
        assertThat(SmokeTest.Mode.named("run", "the input 'smoke-mode'")).isEqualTo(SmokeTest.Mode.COMMAND);
        assertThat(SmokeTest.Mode.named("Service", "mode")).isEqualTo(SmokeTest.Mode.SERVICE);
        assertThat(SmokeTest.Mode.named("start", "mode")).isEqualTo(SmokeTest.Mode.START);
        assertThatThrownBy(() -> SmokeTest.Mode.named("daemon", "the input 'smoke-mode'")).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessage("the input 'smoke-mode' is 'daemon': use command, service or start");
    }
}
