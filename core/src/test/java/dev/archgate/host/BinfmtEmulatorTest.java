package dev.archgate.host;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.Platform;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The emulator a report names for a run through binfmt_misc. Source of truth: this host's handler
 * as the kernel lists it (cat /proc/sys/fs/binfmt_misc/qemu-aarch64: "enabled", "interpreter
 * /usr/libexec/qemu-binfmt/aarch64-binfmt-P", "flags: PF", registered by Debian 12's qemu-user-static
 * through dev/setup-host), whose interpreter is a link to qemu-aarch64-static.
 */
class BinfmtEmulatorTest {
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    @Test
    void theHandlersQemuVersionAndFlagsAreNamed(@TempDir Path root) throws Exception {
        Path interpreter = Path.of("/usr/libexec/qemu-binfmt/aarch64-binfmt-P");
        assertThat(interpreter).as("Debian's qemu-user-static, installed by dev/setup-host").exists();
        Files.writeString(root.resolve("register"), "");
        Files.writeString(root.resolve("qemu-aarch64"), "enabled\ninterpreter " + interpreter + "\nflags: PF\noffset 0\n"
                + "magic 7f454c460201010000000000000000000200b700\nmask ffffffffffffff00fffffffffffffffffeffffff\n");
        Binfmt binfmt = new Binfmt(root, Path.of("/usr/bin"), Path.of("/usr/share/binfmts"));

        assertThat(binfmt.status(ARM64).flags()).isEqualTo("PF");
        assertThat(binfmt.emulator(ARM64)).matches("qemu-aarch64 version \\d+\\.\\d+\\.\\d+ .* through binfmt_misc qemu-aarch64 "
                + "\\(/usr/libexec/qemu-binfmt/aarch64-binfmt-P, flags PF\\)");
        assertThat(binfmt.emulator(Platform.parse("linux/s390x"))).isNull();
    }

    @Test
    void knownBadReleasesAreNamedWithTheirFix() {
        assertThat(KnownQemuFaults.of("qemu-aarch64 version 9.2.0")).hasValueSatisfying(s -> assertThat(s)
                .contains("QEMU 9.2.0", "docker/setup-qemu-action#201", "tonistiigi/binfmt#245", "tonistiigi/binfmt:qemu-v9.2.2"));
        assertThat(KnownQemuFaults.of("qemu-aarch64 version 4.2.1 (Debian 1:4.2-3ubuntu6)")).isPresent();
        assertThat(KnownQemuFaults.of("qemu-aarch64 version 9.2.2")).isEmpty();
        assertThat(KnownQemuFaults.of("qemu-aarch64 version 7.2.22 (Debian 1:7.2+dfsg-7+deb12u18+b3)")).isEmpty();
        assertThat(KnownQemuFaults.of(null)).isEmpty();
    }
}
