package dev.archgate.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import dev.archgate.ArchgateException;
import dev.archgate.image.ImageResolver;
import dev.archgate.platform.Platform;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The local engine (26, containerd image store): a two-platform image loaded with buildx --load
 * is read whole; an image pulled for one platform only is named as such.
 */
@IntegrationTest
class EngineSourceIT {
    private static DockerClient docker;

    @BeforeAll
    static void connect() {
        DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        docker = DockerClientImpl.getInstance(config, new ApacheDockerHttpClient.Builder().dockerHost(config.getDockerHost()).build());
    }

    @AfterAll
    static void disconnect() throws Exception {
        docker.close();
    }

    private static String unique(String what) {
        return what + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static void removeImage(String name) throws Exception {
        new ProcessBuilder("docker", "image", "rm", "-f", name).redirectErrorStream(true).start().waitFor();
    }

    @Test
    void aMultiPlatformImageLoadedIntoTheEngineIsReadWhole(@TempDir Path dir) throws Exception {
        String name = "archgate-it/image-engine:" + unique("both");
        SampleImage.build(SampleImage.context(dir, name), "--load", "-t", name);
        try (ImageSource source = ImageSource.engine(docker, name)) {
            SampleImage.assertReadCorrectly(source);
        } finally {
            removeImage(name);
        }
    }

    @Test
    void anImagePulledForSomePlatformsOnlyIsNamedAsPartial(@TempDir Path dir) throws Exception {
        String tag = unique("partial");
        String pushed = "127.0.0.1:5000/archgate/test/image-engine:" + tag;
        SampleImage.build(SampleImage.context(dir, tag), "--push", "-t", pushed);
        Platform arm64 = Platform.parse("linux/arm64");
        try {
            // Without the host's own platform the engine cannot save it at all. (The push may have
            // left the image in the engine's store: removed first, so the pull brings only arm64.)
            removeImage(pushed);
            SampleImage.run(List.of("docker", "pull", "-q", "--platform", "linux/arm64", pushed), Map.of());
            assertThatThrownBy(() -> new EngineSource(docker, pushed)).isInstanceOf(ArchgateException.class)
                    .hasMessageStartingWith("the Docker Engine holds only part of " + pushed + " (it says: ")
                    .hasMessageEndingWith("), so it cannot export it: audit it from its registry, or load every platform with "
                            + "docker buildx build --load");

            // With the host's platform it saves the whole index but only the content it holds.
            removeImage(pushed);
            SampleImage.run(List.of("docker", "pull", "-q", "--platform", "linux/amd64", pushed), Map.of());
            try (ImageSource source = ImageSource.engine(docker, pushed)) {
                assertThat(ImageResolver.resolve(source, List.of(Platform.parse("linux/amd64"))).offered())
                        .containsExactly("linux/amd64", "linux/arm64");
                assertThatThrownBy(() -> ImageResolver.resolve(source, List.of(arm64))).isInstanceOf(ArchgateException.class)
                        .hasMessage("the Docker Engine lists the linux/arm64 variant of " + pushed + " but does not hold it (it was "
                                + "pulled for other platforms only): audit the image from its registry, or load every platform with "
                                + "docker buildx build --load");
            }
        } finally {
            removeImage(pushed);
        }
    }

    @Test
    void anImageTheEngineDoesNotHaveIsAUsageError() {
        assertThatThrownBy(() -> new EngineSource(docker, "archgate-it/never-built:1")).isInstanceOf(ArchgateException.class)
                .hasMessage("image archgate-it/never-built:1 is not in the local Docker Engine: build or pull it first, or name a registry image")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);
    }
}
