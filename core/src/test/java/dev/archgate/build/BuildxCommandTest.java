package dev.archgate.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.Platform;
import dev.archgate.spec.BuildOptions;
import dev.archgate.spec.BuildSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The {@code docker buildx build} arguments a spec with every setting makes. The flag names and
 * forms are buildx's own (docker/buildx docs/reference/buildx_build.md: --label, --annotation,
 * --secret, --cache-from, --cache-to, --provenance, --sbom, --no-cache, --pull); the context
 * comes last, as buildx reads its one positional argument.
 */
class BuildxCommandTest {
    @Test
    void aSpecWithEverySettingPassesEachToBuildxUnderItsFlag() {
        BuildOptions options = new BuildOptions(Map.of("org.opencontainers.image.title", "app", "a", "b=c"),
                List.of("index:org.opencontainers.image.description=x"), List.of("id=npm,src=/tmp/npm", "id=gh,env=GH_TOKEN"),
                List.of("type=registry,ref=r.example/app:cache"), List.of("type=inline"), "mode=max", "true", true, true);
        BuildSpec spec = new BuildSpec(Path.of("/ctx"), Path.of("/ctx/Dockerfile.ci"), Map.of("V", "1"), true, List.of("r.example/app:c"),
                "final", options);
        List<String> cmd = Buildx.command("multi", spec, List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")),
                Path.of("/tmp/meta.json"), spec.tags(), List.of("--push"));
        assertThat(cmd).containsExactly("buildx", "--builder", "multi", "build", "--progress=rawjson", "--platform", "linux/amd64,linux/arm64",
                "--file", "/ctx/Dockerfile.ci", "--metadata-file", "/tmp/meta.json", "--build-arg", "V=1", "--target", "final",
                "--label", "a=b=c", "--label", "org.opencontainers.image.title=app",
                "--annotation", "index:org.opencontainers.image.description=x",
                "--secret", "id=npm,src=/tmp/npm", "--secret", "id=gh,env=GH_TOKEN",
                "--cache-from", "type=registry,ref=r.example/app:cache", "--cache-to", "type=inline",
                "--provenance=mode=max", "--sbom=true", "--no-cache", "--pull", "--tag", "r.example/app:c", "--push", "/ctx");
    }

    @Test
    void aSpecWithoutTheSettingsAddsNoFlagOfThem() {
        BuildSpec spec = new BuildSpec(Path.of("/ctx"), null, Map.of(), false, List.of(), null);
        assertThat(Buildx.command(null, spec, List.of(Platform.parse("linux/amd64")), Path.of("/m"), List.of("t"), List.of("--load")))
                .containsExactly("buildx", "build", "--progress=rawjson", "--platform", "linux/amd64", "--file", "/ctx/Dockerfile",
                        "--metadata-file", "/m", "--tag", "t", "--load", "/ctx");
    }
}
