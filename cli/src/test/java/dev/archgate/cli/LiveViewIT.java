package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The live view on a real terminal: the CLI's gate runs in a tmux pane (a terminal emulator, with a pseudo-terminal
 * as the process's standard error), and the screen is read as tmux rendered it, several times a second while the
 * gate runs and once at its end. Source of truth: tmux's rendering of the bytes the view wrote. A redraw that did
 * not move the cursor back over the block would leave a platform's line on the screen many times.
 */
@IntegrationTest
class LiveViewIT {
    private static final Path ROOT = Fixtures.repositoryRoot();

    @Test
    void onATerminalEachPlatformIsOneUpdatingLineAndTheSummaryFollowsTheLastState(@TempDir Path dir) throws Exception {
        Path project = FixtureProject.create(dir.resolve("project"), "good-static", "hello");
        Screens screens = inTmux(dir, project, "linux/amd64,linux/arm64,linux/arm/v7");

        assertThat(screens.status).as(screens.last()).isZero();
        List<String> platforms = List.of("linux/amd64", "linux/arm64", "linux/arm/v7");
        for (String screen : screens.all) {
            assertThat(count(screen, "[+] archgate gate ")).as(screen).isLessThanOrEqualTo(1);
            platforms.forEach(p -> assertThat(count(screen, " => " + p + " ")).as(screen).isLessThanOrEqualTo(1));
        }
        assertThat(screens.all).as("a screen while the gate ran shows a platform at work")
                .anySatisfy(s -> assertThat(s).containsPattern(" => linux/\\S+ +(building|resolving|checking) "));
        String last = screens.last();
        assertThat(last).contains("checks: 3/3 platforms done").doesNotContain("\n# [", "\u001b");
        platforms.forEach(p -> assertThat(last).containsPattern(" => " + p + " +PASS +\\d+\\.\\ds  smoke \\d+ ms"));
        assertThat(last.indexOf(" => linux/arm/v7")).as("the summary follows the view").isLessThan(last.indexOf("\nlinux/amd64      PASS"));
        assertThat(last).containsPattern("\nPASS archgate\\.local/build:\\S+ \\(sha256:");
    }

    @Test
    void aFailedStepShowsItsOutputAboveTheViewAndPlainLinesGoWhereThereIsNoTerminal(@TempDir Path dir) throws Exception {
        Path project = FixtureProject.create(dir.resolve("project"), "broken-build-arm64", null);
        Screens screens = inTmux(dir, project, "linux/amd64,linux/arm64");

        assertThat(screens.status).as(screens.last()).isEqualTo(1);
        String last = screens.last();
        assertThat(last).contains("failed: [linux/arm64 3/3] RUN case", "  no engine build for aarch64", "  ERROR: process")
                .containsPattern(" => linux/arm64 +FAIL ").contains("build.failed");
        assertThat(last.indexOf("failed: [linux/arm64")).as("kept above the view").isLessThan(last.indexOf("[+] archgate gate"));

        CliProcess piped = CliProcess.run(dir.resolve("piped"), "512m", Duration.ofMinutes(5), Map.of(), "gate", "--context",
                project.toString(), "--platforms", "linux/amd64,linux/arm64", "--progress=auto");
        assertThat(piped.status()).isEqualTo(1);
        assertThat(piped.err()).doesNotContain("\u001b").contains("building 2 platforms with docker buildx\n", "\n# [linux/arm64 3/3] RUN case");
    }

    private record Screens(List<String> all, int status) {
        String last() {
            return all.get(all.size() - 1);
        }
    }

    /** Runs the gate in a 100x40 tmux pane of a tmux server of its own and reads the screen every 250 ms until it ends. */
    private static Screens inTmux(Path dir, Path project, String platforms) throws Exception {
        Path socket = dir.resolve("tmux.sock");
        Path status = dir.resolve("status");
        String java = ProcessHandle.current().info().command().orElse("java");
        Path script = Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\ncd '" + project + "'\n'" + java + "' -Xmx512m -cp '"
                + ROOT.resolve("cli/target/archgate-cli.jar") + ":" + ROOT.resolve("cli/target/lib") + "/*' dev.archgate.cli.ArchgateCommand "
                + "gate --context . --platforms " + platforms + "\necho $? > '" + status + "'\nsleep 600\n");
        script.toFile().setExecutable(true);
        tmux(socket, "new-session", "-d", "-x", "100", "-y", "40", script.toString());
        List<String> screens = new ArrayList<>();
        try {
            long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
            while (!Files.exists(status) || Files.readString(status).isBlank()) {
                assertThat(System.nanoTime()).as("the gate ended within 5 minutes").isLessThan(deadline);
                screens.add(tmux(socket, "capture-pane", "-p"));
                Thread.sleep(250);
            }
            screens.add(tmux(socket, "capture-pane", "-p", "-S", "-200"));
        } finally {
            tmux(socket, "kill-server");
        }
        return new Screens(screens, Integer.parseInt(Files.readString(status).strip()));
    }

    private static String tmux(Path socket, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("tmux", "-S", socket.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        int exit = p.waitFor();
        assertThat(exit).as("tmux " + String.join(" ", args) + ": " + out).isZero();
        return out;
    }

    private static int count(String text, String fragment) {
        int n = 0;
        for (int i = text.indexOf(fragment); i >= 0; i = text.indexOf(fragment, i + 1)) {
            n++;
        }
        return n;
    }
}
