package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import org.junit.jupiter.api.Test;

/** The builder is asked what it can build before anything is built, with the real buildx of this machine. */
@IntegrationTest
class BuilderCheckIT {
    private static final String SRC = Fixtures.repositoryRoot().resolve("test-fixtures/src").toString();
    private static final String DOCKERFILE = Fixtures.repositoryRoot().resolve("test-fixtures/good-static/Dockerfile").toString();

    @Test
    void aPlatformNoNodeAndNoEmulatorOfTheBuilderCanBuildIsRefusedBeforeTheBuild() {
        // This machine registers no mips64el handler and the docker driver's BuildKit lists no mips64le.
        CliRun run = CliRun.of("gate", "--context", SRC, "--file", DOCKERFILE, "--platforms", "linux/amd64,linux/mips64le");

        assertThat(run.status()).as(run.err()).isEqualTo(3);
        String last = run.err().strip().lines().reduce((a, b) -> b).orElse("");
        assertThat(last).startsWith("archgate: the buildx builder 'default' cannot build linux/mips64le: its nodes offer linux/amd64")
                .contains("archgate qemu install linux/mips64le").contains("docker buildx create --append");
        assertThat(run.err()).doesNotContain("building 2 platforms with docker buildx");
    }

    @Test
    void anUnknownBuilderIsAUsageErrorNamingIt() {
        CliRun run = CliRun.of("gate", "--context", SRC, "--file", DOCKERFILE, "--platforms", "linux/amd64", "--builder", "no-such-builder");

        assertThat(run.status()).as(run.err()).isEqualTo(2);
        assertThat(run.err().strip()).endsWith("there is no buildx builder 'no-such-builder': 'docker buildx ls' lists the builders, "
                + "'docker buildx create' makes one");
    }

    @Test
    void platformsTheBuilderOmitsButThisMachinesHandlersRunAreBuilt() {
        // BuildKit's docker driver lists no linux/arm/v7 here, yet the qemu-arm handler builds it.
        CliRun run = CliRun.of("gate", "--context", SRC, "--file", DOCKERFILE, "--platforms", "linux/arm/v7", "--smoke", "/app --version");

        assertThat(run.status()).as(run.err()).isZero();
        assertThat(run.err()).contains("building 1 platforms with docker buildx");
    }
}
