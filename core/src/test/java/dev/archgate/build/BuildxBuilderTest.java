package dev.archgate.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.Platform;
import org.junit.jupiter.api.Test;

class BuildxBuilderTest {
    /** What buildx 0.13.1 printed for the docker driver on this project's machines. */
    private static final String DOCKER_DRIVER = """
            Name:          default
            Driver:        docker
            Last Activity: 2026-11-25 04:45:13 +0000 UTC

            Nodes:
            Name:             default
            Endpoint:         default
            Status:           running
            BuildKit version: v0.0.0+unknown
            Platforms:        linux/amd64, linux/amd64/v2, linux/amd64/v3, linux/amd64/v4, linux/arm64, linux/riscv64, linux/ppc64le, linux/s390x
            Labels:
             org.mobyproject.buildkit.worker.executor:             containerd
             org.mobyproject.buildkit.worker.hostname:             vm
            """;

    /** Two native nodes appended into one builder (docker buildx create --append), as buildx prints them. */
    private static final String TWO_NODES = """
            Name:          fleet
            Driver:        remote
            Last Activity: 2026-11-20 10:00:00 +0000 UTC

            Nodes:
            Name:             fleet0
            Endpoint:         tcp://x86-builder:1234
            Status:           running
            BuildKit version: v0.13.1
            Platforms:        linux/amd64*, linux/386
            Labels:
             org.mobyproject.buildkit.worker.executor: oci

            Name:             fleet1
            Endpoint:         tcp://arm-builder:1234
            Status:           running
            BuildKit version: v0.13.1
            Platforms:        linux/arm64*, linux/arm/v7, linux/arm/v6
            """;

    @Test
    void readsTheDockerDriversPlatformsAndKnowsItBuildsOnThisMachine() {
        BuildxBuilder b = BuildxBuilder.parse(DOCKER_DRIVER);
        assertThat(b.name()).isEqualTo("default");
        assertThat(b.driver()).isEqualTo("docker");
        assertThat(b.nodes()).singleElement().satisfies(n -> assertThat(n.endpoint()).isEqualTo("default"));
        assertThat(b.onThisMachine()).isTrue();
        assertThat(b.offers(Platform.parse("linux/s390x"))).isTrue();
        assertThat(b.offers(Platform.parse("linux/mips64le"))).isFalse();
        // arm/v7 is missing from BuildKit's list here, though it builds: the handler decides that.
        assertThat(b.offers(Platform.parse("linux/arm/v7"))).isFalse();
    }

    @Test
    void aMultiNodeBuilderOffersWhatAnyNodeOffersWithPinnedMarksAndVariantsIgnored() {
        BuildxBuilder b = BuildxBuilder.parse(TWO_NODES);
        assertThat(b.nodes()).extracting(BuildxBuilder.Node::name).containsExactly("fleet0", "fleet1");
        assertThat(b.onThisMachine()).isFalse();
        assertThat(b.offers(Platform.parse("linux/amd64"))).isTrue();
        assertThat(b.offers(Platform.parse("linux/arm64"))).isTrue();
        assertThat(b.offers(Platform.parse("linux/arm/v5"))).isTrue();
        assertThat(b.offers(Platform.parse("linux/s390x"))).isFalse();
        assertThat(b.listed()).containsExactly("linux/amd64", "linux/386", "linux/arm64", "linux/arm/v7", "linux/arm/v6");
    }
}
