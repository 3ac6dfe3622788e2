package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The help and version a run prints without picocli are what picocli prints for the same
 * arguments (the source of truth: picocli rendering the commands in this JVM), and every other
 * argument list is left to picocli.
 */
class CachedUsageTest {
    @Test
    void theStoredHelpOfEveryCommandIsWhatPicocliPrintsForItsHelpRequests() {
        Map<String, String> rendered = CachedUsage.Renderer.render();
        assertThat(rendered).containsKeys("archgate", "gate", "audit", "smoke", "lint", "qemu", "qemu-status", "qemu-install", "merge");
        rendered.forEach((key, text) -> {
            String[] path = key.equals("archgate") ? new String[0] : key.split("-");
            String[] help = concat(new String[] {"help"}, path);
            String[] option = concat(path, new String[] {"--help"});
            String[] shortOption = concat(path, new String[] {"-h"});
            for (String[] args : path.length > 1 ? new String[][] {option, shortOption} : new String[][] {help, option, shortOption}) {
                CliRun picocli = CliRun.of(args);
                assertThat(picocli.status()).as(String.join(" ", args)).isZero();
                assertThat(CachedUsage.answer(args, () -> false)).as(String.join(" ", args)).contains(picocli.out()).contains(text);
            }
        });
    }

    @Test
    void theVersionIsPicocliSVersionLine() {
        for (String version : new String[] {"--version", "-V"}) {
            CliRun picocli = CliRun.of(version);
            assertThat(CachedUsage.answer(new String[] {version}, () -> true)).contains(picocli.out());
        }
    }

    @Test
    void usageErrorsOperandsAndColouredHelpGoToPicocli() {
        for (String[] args : new String[][] {{}, {"nosuch"}, {"--help", "gate"}, {"help", "help"}, {"qemu-status", "--help"},
                {"audit", "img", "--help"}, {"gate", "--nosuch", "--help"}, {"help", "qemu", "status"}, {"--version", "-V"}}) {
            assertThat(CachedUsage.answer(args, () -> false)).as(String.join(" ", args)).isEmpty();
        }
        assertThat(CachedUsage.answer(new String[] {"--help"}, () -> true)).isEmpty();
    }

    /** The JVM's own class-loading log (-verbose:class) of the entry point run as bin/archgate runs it. */
    @Test
    void theEntryPointAnswersVersionAndHelpWithoutLoadingPicocli() throws Exception {
        for (String[] args : new String[][] {{"--version"}, {"help", "audit"}, {"qemu", "status", "--help"}}) {
            List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"), "-verbose:class",
                    "-cp", System.getProperty("java.class.path"), Archgate.class.getName()));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor()).as(String.join(" ", args)).isZero();
            assertThat(out).as(String.join(" ", args)).contains("dev.archgate.cli.CachedUsage ").doesNotContain("picocli.");
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
