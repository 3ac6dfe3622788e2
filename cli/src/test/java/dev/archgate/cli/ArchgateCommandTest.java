package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The command line main() builds: the one subcommand a run names, or all of them where the run may need them. */
class ArchgateCommandTest {
    private static final String[] ALL = {"help", "gate", "audit", "smoke", "lint", "qemu", "merge", "init"};

    @Test
    void aRunOfOneSubcommandBuildsOnlyThatOne() {
        assertThat(ArchgateCommand.newCommandLine("smoke").getSubcommands()).containsOnlyKeys("smoke");
        assertThat(ArchgateCommand.newCommandLine("qemu").getSubcommands().get("qemu").getSubcommands()).containsOnlyKeys("status", "install");
    }

    @Test
    void theVersionNeedsNoSubcommand() {
        assertThat(ArchgateCommand.newCommandLine("--version").getSubcommands()).isEmpty();
        CliRun version = CliRun.of("-V");
        assertThat(version.status()).isZero();
        assertThat(version.out()).startsWith("archgate ");
    }

    @Test
    void helpOptionsAndUnknownWordsGetEverySubcommand() {
        for (String first : new String[] {"", "help", "--help", "-h", "nosuch"}) {
            assertThat(ArchgateCommand.newCommandLine(first).getSubcommands()).as(first).containsOnlyKeys(ALL);
        }
        assertThat(CliRun.of("help", "audit").out()).contains("Usage: archgate audit");
        assertThat(CliRun.of("--help").out()).contains("gate", "audit", "smoke", "lint", "qemu", "merge", "init");
    }

    @Test
    void aUsageErrorPointsAtTheHelpOfTheCommandItWasIn() {
        CliRun unknown = CliRun.of("nosuch");
        assertThat(unknown.status()).isEqualTo(ArchgateCommand.EXIT_USAGE);
        assertThat(unknown.err()).contains("(see 'archgate --help')");
        CliRun badOption = CliRun.of("lint", "--nosuch", "Dockerfile");
        assertThat(badOption.status()).isEqualTo(ArchgateCommand.EXIT_USAGE);
        assertThat(badOption.err()).contains("(see 'archgate lint --help')");
    }
}
