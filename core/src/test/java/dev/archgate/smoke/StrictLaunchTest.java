package dev.archgate.smoke;

import static dev.archgate.image.fs.ImageFiles.EM_AARCH64;
import static dev.archgate.image.fs.ImageFiles.EM_X86_64;
import static dev.archgate.image.fs.ImageFiles.elf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.image.fs.ImageFiles;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict launch plan: what runs through QEMU, what is judged from its header, what never starts. */
class StrictLaunchTest {
    private static final Platform ARM64 = Platform.parse("linux/arm64");
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final String PATH = "/usr/bin:/bin";

    private static Launch plan(MergedFilesystem fs, Platform p, boolean nativePlatform, List<String> argv, String workdir) {
        return StrictLaunch.plan(ProgramChain.resolve(fs, argv, workdir, PATH), p, nativePlatform, argv);
    }

    @Test
    void aRelativeEntrypointFromWorkdirRunsThroughQemu() {
        // Catches: ./app looked up from / instead of WORKDIR, not found, and started without QEMU (x86-64 code ran natively).
        MergedFilesystem fs = new ImageFiles().file("srv/app", 0755, elf(EM_X86_64, null)).merged();

        Launch launch = plan(fs, ARM64, false, List.of("./app"), "/srv");

        assertThat(launch.throughQemu()).isTrue();
        assertThat(launch.entrypoint()).containsExactly(StrictLaunch.QEMU_PATH);
        assertThat(launch.cmd()).containsExactly("/srv/app");
    }

    @Test
    void whatEnvStartsRunsThroughQemuDirectly() {
        // Catches: qemu running env, whose exec of python3 reaches the kernel (and x86-64 code runs natively).
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_AARCH64, null))
                .file("usr/bin/python3", 0755, elf(EM_AARCH64, null)).file("app.py", 0755, "#!/usr/bin/env python3\n").merged();

        Launch launch = plan(fs, ARM64, false, List.of("/app.py", "serve"), "");

        assertThat(launch.cmd()).containsExactly("/usr/bin/python3", "/app.py", "serve");
    }

    @Test
    void aForeignEnvIsAnExecFormatErrorWithoutRunning() {
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_X86_64, null))
                .file("usr/bin/python3", 0755, elf(EM_AARCH64, null)).file("app.py", 0755, "#!/usr/bin/env python3\n").merged();

        Launch launch = plan(fs, ARM64, false, List.of("/app.py"), "");

        assertThat(launch.verdict()).contains("exec format error").contains("/usr/bin/env");
    }

    @Test
    void onTheNativePlatformEveryLinkIsJudgedFromItsHeaderIncludingTheLoader() {
        MergedFilesystem fs = new ImageFiles().file("app", 0755, elf(EM_X86_64, "/lib/ld.so")).file("lib/ld.so", 0755, elf(EM_AARCH64, null))
                .merged();

        Launch launch = plan(fs, AMD64, true, List.of("/app"), "");

        assertThat(launch.verdict()).contains("exec format error").contains("/lib/ld.so");
    }

    @Test
    void aChainItCannotResolveNeverStartsWithoutQemu() {
        // Catches: an unresolvable chain quietly started as the image says, outside strict emulation.
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_AARCH64, null)).file("app", 0755, "#!/usr/bin/env -i x\n")
                .merged();

        Launch launch = plan(fs, ARM64, false, List.of("/app"), "");

        assertThat(launch.unresolved()).contains("did not start it without QEMU").contains("--no-strict-emulation");
        assertThat(launch.entrypoint()).isNull();
        assertThat(StrictLaunch.plan(ProgramChain.unread(List.of("/probe")), ARM64, false, List.of("/probe")).unresolved()).isNotNull();
    }

    @Test
    void aChainBrokenByTheImageStartsAsTheImageSaysSoTheRuntimeNamesTheFault() {
        MergedFilesystem fs = new ImageFiles().file("run.sh", 0755, "echo no shebang\n").merged();

        Launch noShebang = plan(fs, ARM64, false, List.of("/run.sh"), "");
        Launch missing = plan(fs, ARM64, false, List.of("/nothing"), "");

        assertThat(noShebang.throughQemu()).isFalse();
        assertThat(noShebang.entrypointExists()).isTrue();
        assertThat(missing.entrypointExists()).isFalse();
    }
}
