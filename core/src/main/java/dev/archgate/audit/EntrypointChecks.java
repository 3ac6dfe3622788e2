package dev.archgate.audit;

import dev.archgate.elf.ElfExpectation;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.List;

/**
 * Follows what the container would execute first, with the same {@link ProgramChain} the strict
 * launch wraps in QEMU, and reports the first link of that chain that would fail to exec. The
 * architecture of every ELF file is the ELF check's; this adds the loader, which that check names
 * only as a file.
 */
final class EntrypointChecks {
    private EntrypointChecks() {}

    /** @param chain what the container starts, as {@link PlatformAudit} resolved it for every check */
    static List<Finding> check(Platform platform, ProgramChain chain) {
        List<Finding> out = new ArrayList<>();
        for (ProgramChain.Link link : chain.links()) {
            if (link.role() == ProgramChain.Role.LOADER && link.file().isElf()) {
                String program = chain.links().get(chain.links().indexOf(link) - 1).name();
                ElfExpectation.of(platform).judge(link.file().elf(), platform).ifPresent(m -> out.add(Finding.error(Check.ELF_ARCH_MISMATCH,
                        link.file().path(), "the loader " + link.name() + " of " + program + " is " + m.description())));
            }
        }
        ProgramChain.Broken broken = chain.broken();
        if (broken == null) {
            return out;
        }
        Check check = switch (broken.kind()) {
            case NO_COMMAND, MISSING -> Check.ENTRYPOINT_MISSING;
            case NOT_EXECUTABLE -> Check.ENTRYPOINT_NOT_EXECUTABLE;
            case NO_SHEBANG -> Check.ENTRYPOINT_NO_SHEBANG;
            case INTERPRETER_MISSING, TOO_DEEP -> Check.INTERPRETER_MISSING;
            // What runs cannot be told from the files; every ELF file is still judged by ElfChecks.
            case UNRESOLVED -> null;
        };
        if (check != null) {
            out.add(Finding.error(check, broken.path(), broken.message()));
        }
        return out;
    }
}
