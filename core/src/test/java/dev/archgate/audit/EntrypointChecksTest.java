package dev.archgate.audit;

import static dev.archgate.image.fs.ImageFiles.EM_AARCH64;
import static dev.archgate.image.fs.ImageFiles.EM_X86_64;
import static dev.archgate.image.fs.ImageFiles.elf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.ImageFiles;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The audit's entrypoint checks over the shared program chain. */
class EntrypointChecksTest {
    private static final Platform ARM64 = Platform.parse("linux/arm64");

    private static ImageConfig config(List<String> entrypoint, String workdir) {
        return new ImageConfig("linux", "arm64", "", entrypoint, List.of(), "app", workdir, List.of("PATH=/usr/bin:/bin"));
    }

    private static List<Finding> check(ImageConfig config, MergedFilesystem fs) {
        return EntrypointChecks.check(ARM64, ProgramChain.resolve(fs, config.argv(), config.workingDir(), config.path()));
    }

    @Test
    void aRelativeEntrypointIsFoundFromWorkdir() {
        MergedFilesystem fs = new ImageFiles().file("srv/app", 0755, elf(EM_AARCH64, null)).merged();

        assertThat(check(config(List.of("./app"), "/srv"), fs)).isEmpty();
        assertThat(check(config(List.of("./app"), ""), fs)).extracting(Finding::check)
                .containsExactly(Check.ENTRYPOINT_MISSING);
    }

    @Test
    void envWithDashSFindsItsCommandAndTheCommandsForeignLoaderIsNamed() {
        // Catches: the audit and the launch disagreeing on env -S (the audit took "-S" for the command's name before).
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_AARCH64, null))
                .file("usr/bin/node", 0755, elf(EM_AARCH64, "/lib/ld-linux-aarch64.so.1"))
                .file("lib/ld-linux-aarch64.so.1", 0755, elf(EM_X86_64, null))
                .file("app.js", 0755, "#!/usr/bin/env -S node --max-old-space-size=64\n").merged();

        List<Finding> findings = check(config(List.of("/app.js"), ""), fs);

        assertThat(findings).extracting(Finding::check).containsExactly(Check.ELF_ARCH_MISMATCH);
        assertThat(findings.get(0).path()).isEqualTo("/lib/ld-linux-aarch64.so.1");
    }

    @Test
    void theFirstBrokenLinkIsReportedWithItsCheck() {
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_AARCH64, null))
                .file("app.py", 0755, "#!/usr/bin/env python3\n").file("run", 0644, elf(EM_AARCH64, null)).merged();

        assertThat(check(config(List.of("/app.py"), ""), fs)).extracting(Finding::check)
                .containsExactly(Check.INTERPRETER_MISSING);
        assertThat(check(config(List.of("/run"), ""), fs)).extracting(Finding::check)
                .containsExactly(Check.ENTRYPOINT_NOT_EXECUTABLE);
        assertThat(check(config(List.of(), ""), fs)).extracting(Finding::check)
                .containsExactly(Check.ENTRYPOINT_MISSING);
    }
}
