package dev.archgate.image.fs;

import static dev.archgate.image.fs.ImageFiles.EM_AARCH64;
import static dev.archgate.image.fs.ImageFiles.EM_X86_64;
import static dev.archgate.image.fs.ImageFiles.elf;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The one program-chain resolver, as runc and the kernel start a command. */
class ProgramChainTest {
    private static final String PATH = "/usr/local/bin:/usr/bin:/bin";

    @Test
    void aRelativeCommandIsFoundFromWorkdirNotFromTheRoot() {
        // Catches: the strict launch resolving ./app against / (where nothing is) and starting it without QEMU.
        MergedFilesystem fs = new ImageFiles().file("srv/app", 0755, elf(EM_X86_64, null)).file("app", 0755, "#!/bin/nothing\n").merged();

        ProgramChain chain = ProgramChain.resolve(fs, List.of("./app", "-v"), "/srv", PATH);

        assertThat(chain.whole()).as("%s", chain.broken()).isTrue();
        assertThat(chain.argv()).containsExactly("/srv/app", "-v");
        assertThat(chain.program().file().path()).isEqualTo("/srv/app");
    }

    @Test
    void aBareNameGoesThroughTheImagesPathAndIsStartedByThatEntryThroughSymlinks() {
        MergedFilesystem fs = new ImageFiles().file("bin/busybox", 0755, elf(EM_AARCH64, null)).symlink("usr/bin/tool", "/bin/busybox")
                .merged();

        ProgramChain chain = ProgramChain.resolve(fs, List.of("tool", "x"), "", PATH);

        assertThat(chain.argv()).containsExactly("/usr/bin/tool", "x"); // busybox picks its applet by this name
        assertThat(chain.program().file().path()).isEqualTo("/bin/busybox");
    }

    @Test
    void aScriptIsRunByItsInterpreterWithTheRestOfTheLineAsOneArgument() {
        MergedFilesystem fs = new ImageFiles().file("bin/sh", 0755, elf(EM_AARCH64, null)).file("run.sh", 0755, "#!/bin/sh -e -u\necho\n")
                .merged();

        ProgramChain chain = ProgramChain.resolve(fs, List.of("/run.sh", "a"), "", PATH);

        assertThat(chain.argv()).containsExactly("/bin/sh", "-e -u", "/run.sh", "a");
        assertThat(chain.links()).extracting(ProgramChain.Link::role).containsExactly(ProgramChain.Role.PROGRAM, ProgramChain.Role.INTERPRETER);
    }

    @Test
    void envStartsItsCommandFromPathAndThatCommandIsWhatRuns() {
        // Catches: wrapping env in QEMU while the python it executes reaches the kernel unwrapped.
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_AARCH64, null))
                .file("usr/bin/python3", 0755, elf(EM_X86_64, null)).file("app.py", 0755, "#!/usr/bin/env python3\nprint()\n").merged();

        ProgramChain chain = ProgramChain.resolve(fs, List.of("/app.py"), "", PATH);

        assertThat(chain.argv()).containsExactly("/usr/bin/python3", "/app.py");
        assertThat(chain.program().file().path()).isEqualTo("/usr/bin/python3");
        assertThat(chain.links()).extracting(l -> l.file().path()).containsExactly("/app.py", "/usr/bin/env", "/usr/bin/python3");
    }

    @Test
    void envDashSSplitsItsCommandAndArgumentsAndSkipsAssignments() {
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_AARCH64, null))
                .file("usr/bin/python3", 0755, elf(EM_AARCH64, null)).file("app.py", 0755, "#!/usr/bin/env -S LC_ALL=C python3 -u\n")
                .merged();

        ProgramChain chain = ProgramChain.resolve(fs, List.of("/app.py", "x"), "", PATH);

        assertThat(chain.argv()).containsExactly("/usr/bin/python3", "-u", "/app.py", "x");
    }

    @Test
    void envWithoutDashSTakesTheWholeRestAsOneNameAsTheKernelPassesIt() {
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_AARCH64, null))
                .file("usr/bin/python3", 0755, elf(EM_AARCH64, null)).file("app.py", 0755, "#!/usr/bin/env python3 -u\n").merged();

        ProgramChain chain = ProgramChain.resolve(fs, List.of("/app.py"), "", PATH);

        assertThat(chain.broken().kind()).isEqualTo(ProgramChain.Break.INTERPRETER_MISSING);
        assertThat(chain.broken().message()).contains("'python3 -u'");
    }

    @Test
    void anEnvOptionArchgateDoesNotModelLeavesTheChainUnresolvedNotGuessed() {
        MergedFilesystem fs = new ImageFiles().file("usr/bin/env", 0755, elf(EM_AARCH64, null)).file("app.py", 0755, "#!/usr/bin/env -i\n")
                .merged();

        assertThat(ProgramChain.resolve(fs, List.of("/app.py"), "", PATH).broken().kind()).isEqualTo(ProgramChain.Break.UNRESOLVED);
    }

    @Test
    void aDynamicProgramEndsInItsLoaderAndAMissingLoaderBreaksTheChain() {
        MergedFilesystem fs = new ImageFiles().file("app", 0755, elf(EM_AARCH64, "/lib/ld-linux-aarch64.so.1"))
                .file("lib/ld-linux-aarch64.so.1", 0755, elf(EM_AARCH64, null)).file("bad", 0755, elf(EM_AARCH64, "/lib/ld-musl.so.1"))
                .merged();

        ProgramChain ok = ProgramChain.resolve(fs, List.of("/app"), "", PATH);
        ProgramChain broken = ProgramChain.resolve(fs, List.of("/bad"), "", PATH);

        assertThat(ok.links()).extracting(ProgramChain.Link::role).containsExactly(ProgramChain.Role.PROGRAM, ProgramChain.Role.LOADER);
        assertThat(ok.argv()).containsExactly("/app");
        assertThat(broken.broken().kind()).isEqualTo(ProgramChain.Break.INTERPRETER_MISSING);
        assertThat(broken.broken().message()).contains("/lib/ld-musl.so.1");
    }

    @Test
    void faultsOfTheImageBreakTheChainWithTheirKind() {
        MergedFilesystem fs = new ImageFiles().file("noexec", 0644, elf(EM_AARCH64, null)).file("plain.sh", 0755, "echo hi\n")
                .file("crlf.sh", 0755, "#!/bin/sh\r\necho\r\n").file("a.sh", 0755, "#!/b.sh\n").file("b.sh", 0755, "#!/c.sh\n")
                .file("c.sh", 0755, "#!/d.sh\n").file("d.sh", 0755, "#!/e.sh\n").file("e.sh", 0755, "#!/a.sh\n").merged();

        assertThat(ProgramChain.resolve(fs, List.of(), "", PATH).broken().kind()).isEqualTo(ProgramChain.Break.NO_COMMAND);
        assertThat(ProgramChain.resolve(fs, List.of("./missing"), "/srv", PATH).broken().kind()).isEqualTo(ProgramChain.Break.MISSING);
        assertThat(ProgramChain.resolve(fs, List.of("/noexec"), "", PATH).broken().kind()).isEqualTo(ProgramChain.Break.NOT_EXECUTABLE);
        assertThat(ProgramChain.resolve(fs, List.of("/plain.sh"), "", PATH).broken().kind()).isEqualTo(ProgramChain.Break.NO_SHEBANG);
        assertThat(ProgramChain.resolve(fs, List.of("/crlf.sh"), "", PATH).broken().kind())
                .isEqualTo(ProgramChain.Break.INTERPRETER_MISSING);
        assertThat(ProgramChain.resolve(fs, List.of("/a.sh"), "", PATH).broken().kind()).isEqualTo(ProgramChain.Break.TOO_DEEP);
    }

    @Test
    void anElfFileWhoseHeadersCannotBeReadIsOneTheKernelRefusesNotOneArchgateCannotTell() {
        byte[] absurd = elf(EM_X86_64, null);
        absurd[4] = 7; // an ELF class that is neither 32 nor 64 bits
        MergedFilesystem fs = new ImageFiles().file("app", 0755, absurd).merged();

        ProgramChain.Broken broken = ProgramChain.resolve(fs, List.of("/app"), "", PATH).broken();
        assertThat(broken.kind()).isEqualTo(ProgramChain.Break.NO_SHEBANG);
        assertThat(broken.message()).contains("headers cannot be read").contains("exec format error");
    }
}
