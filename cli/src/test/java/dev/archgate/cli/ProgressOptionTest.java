package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code --progress} as buildx takes it: plain, tty or auto; anything else is one sentence and exit 2 before any work. */
class ProgressOptionTest {
    @Test
    void anUnknownModeIsRefusedWithTheModesThatExist() {
        CliRun run = CliRun.of("gate", "--image", "127.0.0.1:5000/never/used:1", "--platforms", "linux/amd64", "--progress=fancy");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).isEqualTo("archgate: --progress is 'fancy': use plain, tty or auto\n");
    }

    /** Surefire runs the tests with standard error redirected to its own pipe: not a terminal, so auto is plain there. */
    @Test
    void aRedirectedStandardErrorOrADumbTerminalIsNoTerminal() {
        assertThat(ProgressOption.stderrIsTerminal(Map.of())).isFalse();
        assertThat(ProgressOption.stderrIsTerminal(Map.of("TERM", "dumb"))).isFalse();
        assertThat(ProgressOption.columns(Map.of("COLUMNS", "132"))).isEqualTo(132);
    }
}
