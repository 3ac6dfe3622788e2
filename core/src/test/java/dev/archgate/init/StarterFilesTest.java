package dev.archgate.init;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import dev.archgate.platform.Platform;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecLoader;
import dev.archgate.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/**
 * What archgate init reads from a project and writes for it. Sources of truth: the fixtures' real Dockerfiles (the
 * ones test-fixtures/build builds and the gate passes or fails), archgate.yml read back by the real {@link SpecLoader},
 * and workflow and bake files written as docker/build-push-action's and buildx bake's documentation shows them.
 */
class StarterFilesTest {
    private static Path project(Path dir, String fixture) throws IOException {
        Files.copy(Fixtures.repositoryRoot().resolve("test-fixtures").resolve(fixture).resolve("Dockerfile"), dir.resolve("Dockerfile"));
        return dir;
    }

    private static GateSpec load(ProjectScan scan) {
        return new SpecLoader(name -> null).parse(StarterFiles.config(scan), "archgate.yml", scan.dir()).toSpec();
    }

    @Test
    void aCrossCompilingDockerfileThatReadsTheVariantGetsArmV7AndItsEntrypointMustStart(@TempDir Path dir) throws IOException {
        ProjectScan scan = ProjectScan.of(project(dir, "good-static"), Path.of("Dockerfile"), null);

        assertThat(scan.platforms()).containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"), Platform.parse("linux/arm/v7"));
        assertThat(scan.entrypoint()).isEqualTo(new ProjectScan.Entrypoint("ENTRYPOINT [\"/app\"]", 11));
        assertThat(scan.serves()).isFalse();
        assertThat(scan.lint()).isEmpty();
        GateSpec spec = load(scan);
        assertThat(spec.platforms()).isEqualTo(scan.platforms());
        assertThat(spec.build().context()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(spec.build().dockerfile()).isEqualTo(dir.toAbsolutePath().resolve("Dockerfile").normalize());
        assertThat(spec.build().push()).isFalse();
        assertThat(spec.smoke()).extracting(SmokeTest::mode).containsExactly(SmokeTest.Mode.START);
        assertThat(spec.strictEmulation()).isTrue();
        assertThat(spec.reportDir()).isEqualTo(dir.toAbsolutePath().resolve("archgate-report").normalize());
        assertThat(StarterFiles.config(scan)).contains("# ENTRYPOINT [\"/app\"] (Dockerfile:11) must start", "command: [/app, --version]");
    }

    @Test
    void aDockerfileThatBuildsUnderEmulationGetsTheTwoPlatformDefaultAndTheLintItWillFail(@TempDir Path dir) throws IOException {
        ProjectScan scan = ProjectScan.of(project(dir, "broken-from-platform"), Path.of("Dockerfile"), null);

        assertThat(scan.platforms()).containsExactly(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"));
        assertThat(scan.platformsSource()).contains("default");
        assertThat(scan.lint()).extracting(f -> f.check()).containsExactly(Check.DOCKERFILE_FROM_PLATFORM_CONSTANT);
        assertThat(scan.lint().get(0).path()).isEqualTo("Dockerfile:2");
        assertThat(load(scan).platforms()).isEqualTo(scan.platforms());
    }

    @Test
    void anExposedPortMakesTheSmokeTestAServiceThatMustKeepRunning(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Dockerfile"), """
                FROM 127.0.0.1:5000/archgate/bases/busybox:1 AS base
                ENTRYPOINT ["/bin/httpd", "-f"]
                EXPOSE 8080

                FROM base
                COPY site/ /www/
                """);
        ProjectScan scan = ProjectScan.of(dir, Path.of("Dockerfile"), null);

        assertThat(scan.serves()).isTrue();
        assertThat(scan.entrypoint()).isEqualTo(new ProjectScan.Entrypoint("ENTRYPOINT [\"/bin/httpd\", \"-f\"]", 2));
        SmokeTest serves = load(scan).smoke().get(0);
        assertThat(serves.mode()).isEqualTo(SmokeTest.Mode.SERVICE);
        assertThat(serves.ready()).isEqualTo(SmokeTest.DEFAULT_READY);
    }

    @Test
    void aWorkflowsPlatformsInputIsTakenAndAnExpressionIsNot(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve(".git"));
        Path app = Files.createDirectories(dir.resolve("services/app"));
        project(app, "good-static");
        Path workflows = Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(workflows.resolve("a-matrix.yml"), """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    strategy: {matrix: {platform: [linux/amd64, linux/arm64]}}
                    steps:
                      - uses: docker/build-push-action@v6
                        with: {platforms: "${{ matrix.platform }}", push: true}
                """);
        Files.writeString(workflows.resolve("b-release.yml"), """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: docker/setup-qemu-action@v3
                        with: {platforms: arm64}
                      - uses: docker/build-push-action@v6
                        with:
                          context: services/app
                          platforms: linux/amd64,linux/arm64,linux/ppc64le
                """);
        ProjectScan scan = ProjectScan.of(app, Path.of("Dockerfile"), null);

        assertThat(scan.root()).isEqualTo(dir.toAbsolutePath().normalize());
        assertThat(scan.platforms()).extracting(Platform::toString).containsExactly("linux/amd64", "linux/arm64", "linux/ppc64le");
        assertThat(scan.platformsSource()).isEqualTo("as .github/workflows/b-release.yml names them");
        assertThat(StarterFiles.config(scan)).contains("# as .github/workflows/b-release.yml names them\nplatforms: [linux/amd64, linux/arm64, linux/ppc64le]");

        Object workflow = new Yaml().load(StarterFiles.workflow(scan, StarterFiles.DEFAULT_ACTION));
        assertThat(workflow.toString()).contains("uses=OWNER/archgate@v1, with={config=services/app/archgate.yml}",
                "path=services/app/archgate-report");
        assertThat(StarterFiles.jenkinsfile(scan)).contains("archgate config: 'services/app/archgate.yml'");
    }

    @Test
    void aBakeFileBeatsTheWorkflowsAndGivenPlatformsBeatEverything(@TempDir Path dir) throws IOException {
        project(dir, "good-static");
        Files.writeString(dir.resolve("docker-bake.hcl"), """
                variable "TAG" { default = "latest" }
                group "default" { targets = ["app"] }
                target "app" {
                  context = "."
                  platforms = ["linux/amd64", "linux/s390x"]
                  tags = ["registry.example.com/app:${TAG}"]
                }
                """);
        assertThat(ProjectScan.of(dir, Path.of("Dockerfile"), null).platforms()).extracting(Platform::toString)
                .containsExactly("linux/amd64", "linux/s390x");
        ProjectScan given = ProjectScan.of(dir, Path.of("Dockerfile"), List.of(Platform.parse("linux/riscv64")));
        assertThat(given.platforms()).containsExactly(Platform.parse("linux/riscv64"));
        assertThat(given.platformsSource()).isEqualTo("given with --platforms");
    }

    @Test
    void aComposeFileOrABuildxCommandOfAWorkflowNamesThemToo(@TempDir Path dir) throws IOException {
        project(dir, "good-static");
        Path workflows = Files.createDirectories(dir.resolve(".github/workflows"));
        Files.writeString(workflows.resolve("ci.yml"), """
                on: push
                jobs:
                  build:
                    runs-on: ubuntu-latest
                    steps:
                      - run: |
                          docker buildx build \\
                            --platform linux/amd64,linux/arm/v6 --push -t registry.example.com/app .
                """);
        ProjectScan fromRun = ProjectScan.of(dir, Path.of("Dockerfile"), null);
        assertThat(fromRun.platforms()).extracting(Platform::toString).containsExactly("linux/amd64", "linux/arm/v6");
        assertThat(fromRun.platformsSource()).isEqualTo("as .github/workflows/ci.yml names them");

        Files.writeString(dir.resolve("compose.yaml"), """
                services:
                  db: {image: postgres:16}
                  app:
                    build: {context: ., platforms: [linux/amd64, linux/riscv64]}
                """);
        ProjectScan fromCompose = ProjectScan.of(dir, Path.of("Dockerfile"), null);
        assertThat(fromCompose.platforms()).extracting(Platform::toString).containsExactly("linux/amd64", "linux/riscv64");
        assertThat(fromCompose.platformsSource()).isEqualTo("as compose.yaml names them");
    }

    @Test
    void noDockerfileOrNoFromIsOneSentenceNamingTheFix(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> ProjectScan.of(dir, Path.of("Dockerfile"), null)).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessage("there is no Dockerfile in " + dir.toAbsolutePath().normalize()
                        + ": run archgate init where the Dockerfile is, or name it with --file");
        Files.writeString(dir.resolve("Dockerfile"), "# nothing yet\nRUN true\n");
        assertThatThrownBy(() -> ProjectScan.of(dir, Path.of("Dockerfile"), null)).isInstanceOf(ArchgateException.class).hasFieldOrPropertyWithValue("kind", ArchgateException.Kind.USAGE)
                .hasMessage("Dockerfile has no FROM line, so it builds nothing: fix it and run archgate init again");
    }
}
