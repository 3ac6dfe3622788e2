package dev.archgate.image.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.archgate.ArchgateException;
import dev.archgate.elf.ElfExpectation;
import dev.archgate.elf.ElfInfo;
import dev.archgate.host.Host;
import dev.archgate.image.ImageResolver;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.Resolution;
import dev.archgate.image.model.ImageReference;
import dev.archgate.image.model.PlatformImage;
import dev.archgate.image.model.ResolvedImage;
import dev.archgate.image.stream.GzipInflater;
import dev.archgate.platform.Platform;
import dev.archgate.testing.AuthRegistry;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@IntegrationTest
class RegistrySourceIT {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(2);

    @AfterAll
    static void stop() {
        POOL.shutdownNow();
    }

    private static ImageSource source(String fixture) {
        return ImageSource.registry(ImageReference.parse(Fixtures.named(fixture).image()), Set.of(), Host.dockerConfigFile(System.getenv()));
    }

    @Test
    void resolvesEveryPlatformOfAPushedIndexWithoutItsAttestations() throws Exception {
        List<Platform> six = Fixtures.named("good-static").platforms();
        ResolvedImage image = ImageResolver.resolve(source("good-static"), six);

        assertThat(image.isIndex()).isTrue();
        assertThat(image.digest()).startsWith("sha256:");
        assertThat(image.offered()).containsExactlyInAnyOrder("linux/amd64", "linux/arm64", "linux/arm/v7", "linux/s390x",
                "linux/ppc64le", "linux/riscv64");
        for (Platform p : six) {
            PlatformImage variant = image.variants().get(p).orElseThrow();
            assertThat(p.matchesLabel(variant.config().os(), variant.config().architecture(), variant.config().variant())).as(p.toString()).isTrue();
            assertThat(variant.config().entrypoint()).containsExactly("/app");
            MergedFilesystem fs = ImageResolver.filesystem(source("good-static"), variant, POOL, GzipInflater.choice(System.getenv()));
            ElfInfo app = fs.entry("/app").orElseThrow().elf();
            assertThat(ElfExpectation.of(p).judge(app, p)).as(p.toString()).isEmpty();
        }
    }

    @Test
    void aMissingPlatformResolvesToNothing() throws Exception {
        ResolvedImage image = ImageResolver.resolve(source("broken-single-arch"), List.of(Platform.parse("linux/arm64")));
        assertThat(image.variants().get(Platform.parse("linux/arm64"))).isEmpty();
        assertThat(image.offered()).containsExactly("linux/amd64");
    }

    @Test
    void theMergedFilesystemOfTheBusyboxBaseResolvesAppletSymlinks() throws Exception {
        Platform arm64 = Platform.parse("linux/arm64");
        ImageSource src = source("good-script");
        PlatformImage variant = ImageResolver.resolve(src, List.of(arm64)).variants().get(arm64).orElseThrow();
        MergedFilesystem fs = ImageResolver.filesystem(src, variant, POOL, GzipInflater.choice(System.getenv()));

        Resolution sh = fs.which("sh", variant.config().path());
        assertThat(sh.found()).isTrue();
        assertThat(sh.facts().path()).isEqualTo("/bin/busybox");
        assertThat(sh.facts().elf().machine()).isEqualTo(ElfExpectation.EM_AARCH64);
        assertThat(fs.entry("/entrypoint.sh").orElseThrow().shebang()).isEqualTo("#!/bin/sh");
    }

    @Test
    void unknownTagsAndUnreachableRegistriesGetOneSentence() {
        ImageSource missing = ImageSource.registry(ImageReference.parse("127.0.0.1:5000/archgate/fixtures/good-static:no-such-tag"), Set.of(), Host.dockerConfigFile(System.getenv()));
        assertThatThrownBy(missing::top).isInstanceOf(ArchgateException.class)
                .hasMessage("image 127.0.0.1:5000/archgate/fixtures/good-static:no-such-tag does not exist in the registry: check the name and tag, or push it first")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);
        ImageSource down = ImageSource.registry(ImageReference.parse("127.0.0.1:5999/app:1"), Set.of(), Host.dockerConfigFile(System.getenv()));
        assertThatThrownBy(down::top).isInstanceOf(ArchgateException.class).hasMessageStartingWith("registry 127.0.0.1:5999 is unreachable")
                .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
    }

    private static String login(String registry, String user, String password) {
        String auth = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return "{\"auths\":{\"" + registry + "\":{\"auth\":\"" + auth + "\"}}}";
    }

    @Test
    void aRegistryWithLoginsReadsWithTheDockerConfigsLoginAndRefusesAWrongOne(@TempDir Path dir) throws Exception {
        try (AuthRegistry registry = AuthRegistry.start(Files.createDirectories(dir.resolve("registry")), 5057)) {
            String address = registry.address();
            ImageReference ref = ImageReference.parse(address + "/team/app:1");

            Path nobody = dir.resolve("nobody/config.json");
            assertThatThrownBy(() -> new RegistrySource(ref, Set.of(), nobody).top()).isInstanceOf(ArchgateException.class)
                    .hasMessage("registry " + address + " asks for credentials and none are configured: run 'docker login " + address + "'")
                    .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);

            Path wrong = Files.writeString(Files.createDirectories(dir.resolve("wrong")).resolve("config.json"),
                    login(address, AuthRegistry.USER, "not-the-password"));
            assertThatThrownBy(() -> new RegistrySource(ref, Set.of(), wrong).top()).isInstanceOf(ArchgateException.class)
                    .hasMessage("registry " + address + " refused access to team/app (HTTP 401): run 'docker login " + address
                            + "' with an account that may pull it")
                    .extracting(e -> ((ArchgateException) e).kind()).isEqualTo(ArchgateException.Kind.USAGE);

            // Logged in the way CI does it, into a config of its own: docker login, then buildx pushes with it.
            Path ci = Files.createDirectories(dir.resolve("ci"));
            Map<String, String> env = Map.of("DOCKER_CONFIG", ci.toString());
            SampleImage.run(List.of("docker", "login", "-u", AuthRegistry.USER, "-p", AuthRegistry.PASSWORD, address), env);
            List<String> push = new java.util.ArrayList<>(List.of("docker", "buildx", "build", "--platform", "linux/amd64,linux/arm64",
                    "--push", "-t", ref.toString()));
            push.add(SampleImage.context(dir.resolve("ctx"), "auth").toString());
            SampleImage.run(push, env);
            try (ImageSource source = new ImageSource(new RegistrySource(ref, Set.of(), ci.resolve("config.json")))) {
                SampleImage.assertReadCorrectly(source);
            }
        }
    }
}
