package dev.archgate.cli;

import java.util.Optional;

/**
 * The process's entry point ({@code bin/archgate}): prints what {@link CachedUsage} holds for
 * these arguments, else runs {@link ArchgateCommand}. Nothing here names a picocli type, so the
 * JVM's verifier loads none of picocli for {@code --version} or {@code --help}.
 */
public final class Archgate {
    private Archgate() {}

    public static void main(String[] args) {
        Optional<String> cached = CachedUsage.answer(args);
        if (cached.isPresent()) {
            System.out.print(cached.get());
            System.out.flush();
            System.exit(ArchgateCommand.EXIT_PASS);
        }
        ArchgateCommand.main(args);
    }
}
