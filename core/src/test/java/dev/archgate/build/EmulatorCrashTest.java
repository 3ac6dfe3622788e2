package dev.archgate.build;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A RUN step that died with the emulator. The step's output is that of tonistiigi/binfmt#245 (buildx
 * 0.20.1, QEMU 9.2.0, an arm64 "apt-get upgrade" on Ubuntu 22.04), put into the rawjson form buildx
 * 0.13 writes here (a vertex with its error, its logs base64-encoded; see BuildProgressTest); the
 * error text is buildx's for a RUN step that exits non-zero.
 */
class EmulatorCrashTest {
    private static final List<Platform> TWO = Platform.parseList("linux/amd64,linux/arm64");
    private static final List<String> LIBC_BIN = List.of(
            "Setting up libc-bin (2.35-0ubuntu3.9) ...",
            "qemu: uncaught target signal 11 (Segmentation fault) - core dumped",
            "Segmentation fault (core dumped)",
            "qemu: uncaught target signal 11 (Segmentation fault) - core dumped",
            "Segmentation fault (core dumped)",
            "dpkg: error processing package libc-bin (--configure):",
            " installed libc-bin package post-installation script subprocess returned error exit status 139",
            "Errors were encountered while processing:",
            " libc-bin",
            "E: Sub-process /usr/bin/dpkg returned an error code (1)");

    private static BuildFailure failedRun(String step, String command, List<String> output, int exit) {
        return failedRun(step, command, output, exit, null);
    }

    private static BuildFailure failedRun(String step, String command, List<String> output, int exit, String emulator) {
        BuildProgress progress = new BuildProgress(line -> { }, p -> p.architecture().equals("arm64") ? emulator : null);
        String data = Base64.getEncoder().encodeToString((String.join("\n", output) + "\n").getBytes(StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>(List.of("{", "  \"vertexes\": [", "    {", "      \"digest\": \"sha256:9f1e\",",
                "      \"name\": \"" + step + "\",", "      \"started\": \"2026-12-04T17:06:40.1Z\",",
                "      \"completed\": \"2026-12-04T17:06:44.3Z\",",
                "      \"error\": \"process \\\"/bin/sh -c " + command + "\\\" did not complete successfully: exit code: " + exit + "\"",
                "    }", "  ],", "  \"logs\": [", "    {", "      \"vertex\": \"sha256:9f1e\",", "      \"stream\": 1,",
                "      \"data\": \"" + data + "\"", "    }", "  ]", "}"));
        lines.add("ERROR: failed to solve: process \"/bin/sh -c " + command + "\" did not complete successfully: exit code: " + exit);
        lines.forEach(progress::line);
        return progress.failure(TWO, 1);
    }

    @Test
    void ldconfigDyingUnderQemuIsTheEnvironmentsFault() {
        BuildFailure f = failedRun("[linux/arm64 3/3] RUN apt-get upgrade --assume-yes", "apt-get upgrade --assume-yes", LIBC_BIN, 100);

        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
        assertThat(f.steps()).isEmpty();
        assertThat(f.message()).startsWith("the emulator failed, not the image, while building linux/arm64 at [linux/arm64 3/3] RUN apt-get")
                .contains("ldconfig died of SIGSEGV under QEMU", "qemu: uncaught target signal 11", "tonistiigi/binfmt:qemu-v9.2.2");
    }

    @Test
    void qemusOwnCrashIsTheEnvironmentsFaultInAnyStep() {
        BuildFailure f = failedRun("[linux/arm64 2/3] RUN make", "make", List.of("cc -O2 -c main.c",
                "QEMU internal SIGSEGV {code=MAPERR, addr=0x20}"), 139);

        assertThat(f.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
        assertThat(f.message()).contains("QEMU itself crashed (QEMU internal SIGSEGV {code=MAPERR, addr=0x20})");
    }

    @Test
    void theImagesOwnProgramDyingUnderQemuIsStillTheImagesFault() {
        BuildFailure f = failedRun("[linux/arm64 2/3] RUN /app/selftest", "/app/selftest",
                List.of("qemu: uncaught target signal 11 (Segmentation fault) - core dumped", "Segmentation fault (core dumped)"), 139);

        assertThat(f.ofPlatforms()).isTrue();
        assertThat(f.steps()).singleElement().satisfies(s -> assertThat(s.platform()).isEqualTo(Platform.parse("linux/arm64")));
    }

    @Test
    void aKnownBadQemuOfThisMachinesHandlerIsNamedAndAnotherIsNot() {
        // Binfmt.emulator's line for the release of setup-qemu-action#201 and tonistiigi/binfmt#245 (QEMU 9.2.0).
        String bad = "qemu-aarch64 version 9.2.0 through binfmt_misc qemu-aarch64 (/usr/bin/qemu-aarch64, flags POCF)";
        BuildFailure named = failedRun("[linux/arm64 3/3] RUN apt-get upgrade --assume-yes", "apt-get upgrade --assume-yes", LIBC_BIN, 100, bad);
        assertThat(named.stop()).isEqualTo(ArchgateException.Kind.ENVIRONMENT);
        assertThat(named.message()).contains("the builder's QEMU is " + bad + ": QEMU 9.2.0 is a release in which");

        // This machine's QEMU (Debian 12's 7.2.22) has no known fault: the fix stays general, no release is blamed.
        String debian = "qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3) through binfmt_misc qemu-aarch64 "
                + "(/usr/bin/qemu-aarch64-static, flags F)";
        BuildFailure general = failedRun("[linux/arm64 3/3] RUN apt-get upgrade --assume-yes", "apt-get upgrade --assume-yes", LIBC_BIN, 100,
                debian);
        assertThat(general.message()).doesNotContain("the builder's QEMU is").contains("install a QEMU without the fault");
    }
}
