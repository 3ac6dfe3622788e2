package dev.archgate.smoke;

import dev.archgate.platform.ElfExpectation;
import dev.archgate.platform.ElfMismatch;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Strict emulation: the entrypoint is started through the platform's own QEMU, copied into the
 * container, so a binary of any other architecture fails as it would on real hardware instead of
 * running natively (x86-64 code in an arm64 image) or through another handler. Scripts are
 * followed to their interpreter. When the chain cannot be built (a missing file, a script without
 * "#!", a CRLF shebang), the container starts as the image says and the runtime's own error is
 * what gets classified.
 */
final class StrictLaunch {
    static final String QEMU_PATH = "/.archgate/qemu";
    private static final int MAX_SCRIPTS = 4;

    private StrictLaunch() {}

    static Launch plan(ProgramFiles files, Platform platform, boolean nativePlatform, List<String> argv, String path) {
        if (argv.isEmpty()) {
            return Launch.asImageSays(argv, false);
        }
        Optional<Program> head = files.which(argv.get(0), path);
        if (head.isEmpty()) {
            return Launch.asImageSays(argv, false);
        }
        List<String> chain = new ArrayList<>(argv);
        chain.set(0, head.get().path());
        Program current = head.get();
        for (int depth = 0; depth < MAX_SCRIPTS && !current.isElf(); depth++) {
            String shebang = current.shebang();
            if (shebang == null || shebang.endsWith("\r")) {
                return Launch.asImageSays(argv, true);
            }
            List<String> words = Arrays.stream(shebang.strip().split("[ \t]+", 2)).filter(w -> !w.isEmpty()).toList();
            if (words.isEmpty()) {
                return Launch.asImageSays(argv, true);
            }
            Optional<Program> interpreter = files.follow(words.get(0));
            if (interpreter.isEmpty()) {
                return Launch.asImageSays(argv, true);
            }
            List<String> next = new ArrayList<>();
            next.add(interpreter.get().path());
            if (words.size() > 1) {
                next.add(words.get(1));
            }
            next.addAll(chain);
            chain = next;
            current = interpreter.get();
        }
        if (!current.isElf()) {
            return Launch.asImageSays(argv, true);
        }
        if (nativePlatform) {
            // The host runs this platform without QEMU; a foreign binary would be handed to another
            // architecture's handler here, but dies on real hardware, so it is judged from its header.
            var mismatch = ElfExpectation.of(platform).judge(current.elf(), platform);
            if (mismatch.isPresent() && mismatch.get().kind() == ElfMismatch.Kind.ARCHITECTURE) {
                return new Launch(null, null, false, true, "exec " + current.target() + ": exec format error (strict emulation: "
                        + mismatch.get().description() + ")");
            }
            return Launch.asImageSays(argv, true);
        }
        return new Launch(List.of(QEMU_PATH), chain, true, true, null);
    }
}
