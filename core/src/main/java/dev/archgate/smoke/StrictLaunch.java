package dev.archgate.smoke;

import dev.archgate.elf.ElfExpectation;
import dev.archgate.elf.ElfMismatch;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.platform.Platform;
import java.util.List;
import java.util.Optional;

/**
 * Strict emulation: the program a command ends in is started through the platform's own QEMU,
 * copied into the container, so a binary of any other architecture fails as it would on real
 * hardware instead of running natively (x86-64 code in an arm64 image) or through another
 * handler. The chain is the audit's ({@link ProgramChain}): scripts are followed to their
 * interpreter and {@code env} to what it starts, which QEMU runs directly, since a program that
 * env or a script executes later would reach the kernel without QEMU. The other ELF links (env,
 * the loader) are judged from their headers.
 *
 * <p>A chain broken by the image (a missing file, a script without "#!", a CRLF shebang) makes the
 * exec itself fail, so the container starts as the image says and the runtime's own error is
 * classified: nothing can run. A chain archgate cannot resolve never starts.
 */
final class StrictLaunch {
    static final String QEMU_PATH = "/.archgate/qemu";

    private StrictLaunch() {}

    static Launch plan(ProgramChain chain, Platform platform, boolean nativePlatform, List<String> argv) {
        ProgramChain.Broken broken = chain.broken();
        if (broken != null) {
            return switch (broken.kind()) {
                case UNRESOLVED -> Launch.unresolved("strict emulation cannot tell which program '" + String.join(" ", argv)
                        + "' starts (" + broken.message() + "), so it did not start it without QEMU: give the smoke test a command "
                        + "whose program chain is plain, or run with --no-strict-emulation");
                default -> Launch.asImageSays(argv, !chain.missesItsCommand());
            };
        }
        Optional<String> foreign = foreign(chain, platform, nativePlatform);
        if (foreign.isPresent()) {
            return Launch.judged(foreign.get());
        }
        if (nativePlatform) {
            // The host runs this platform without QEMU; every link was judged from its header above.
            return Launch.asImageSays(argv, true);
        }
        return Launch.throughQemu(QEMU_PATH, chain.argv());
    }

    /**
     * The exec format error a link of another architecture causes: on the native platform any link
     * (a foreign binary would be handed to another architecture's handler here, but dies on real
     * hardware); under QEMU the links QEMU does not load itself (env).
     */
    private static Optional<String> foreign(ProgramChain chain, Platform platform, boolean nativePlatform) {
        ProgramChain.Link program = chain.program();
        for (ProgramChain.Link link : chain.links()) {
            boolean qemuLoads = link == program || link.role() == ProgramChain.Role.LOADER;
            if (!link.file().isElf() || (qemuLoads && !nativePlatform)) {
                continue;
            }
            Optional<ElfMismatch> m = ElfExpectation.of(platform).judge(link.file().elf(), platform);
            if (m.isPresent() && m.get().kind() == ElfMismatch.Kind.ARCHITECTURE) {
                return Optional.of("exec " + link.file().path() + ": exec format error (strict emulation: " + m.get().description() + ")");
            }
        }
        return Optional.empty();
    }
}
