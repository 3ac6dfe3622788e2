package dev.archgate.cli;

import dev.archgate.report.ArchgateVersion;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import picocli.CommandLine;

/**
 * The answers to {@code --version} and to the help requests ({@code --help}, {@code -h},
 * {@code help [COMMAND]}), given without picocli. picocli's class files are Java 5's, which no
 * class-data-sharing or AOT cache of a JDK 25 holds, and its model is built by annotation
 * reflection: on two cores that was most of the half second before {@code --version}'s line. So
 * the build renders every command's help with picocli itself ({@link Renderer}, run by Maven after
 * compiling) into the jar, and a run whose arguments are exactly one of these requests prints the
 * stored text. Anything else, usage errors included, goes to picocli.
 */
final class CachedUsage {
    static final String DIR = "usage/";

    private CachedUsage() {}

    /** The first line of {@code archgate --version}. */
    static String versionLine() {
        return "archgate " + ArchgateVersion.current();
    }

    /**
     * What to print for these arguments, when they ask only for the version or a command's help
     * and the help would be plain text (no terminal for picocli's colours), as {@link Archgate#main} asks.
     */
    static Optional<String> answer(String[] args) {
        return answer(args, CachedUsage::onTerminal);
    }

    /** @param terminal asked only for a help request (on a JDK 22+ the console costs a provider lookup) */
    static Optional<String> answer(String[] args, BooleanSupplier terminal) {
        List<String> words = List.of(args);
        if (words.equals(List.of("--version")) || words.equals(List.of("-V"))) {
            return Optional.of(versionLine() + "\n");
        }
        return helpPath(words).filter(path -> !terminal.getAsBoolean()).flatMap(CachedUsage::stored);
    }

    /**
     * Whether picocli would colour the help: a console that is a terminal. From Java 22 on,
     * {@code System.console()} is there also when the output is redirected, and only
     * {@code Console.isTerminal()} (not in Java 17's API) tells.
     */
    private static boolean onTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // Java 17 to 21: a console is a terminal
        }
    }

    /** The names of the command whose help these words ask for (none for archgate itself). */
    private static Optional<List<String>> helpPath(List<String> words) {
        if (words.isEmpty()) {
            return Optional.empty();
        }
        if (words.get(0).equals("help")) {
            return words.size() <= 2 ? Optional.of(words.subList(1, words.size())) : Optional.empty();
        }
        String last = words.get(words.size() - 1);
        if (last.equals("--help") || last.equals("-h")) {
            return Optional.of(words.subList(0, words.size() - 1));
        }
        return Optional.empty();
    }

    private static Optional<String> stored(List<String> path) {
        if (!path.stream().allMatch(name -> name.matches("[a-z]+"))) {
            return Optional.empty(); // an option or an operand: picocli says what it makes of it
        }
        try (InputStream in = CachedUsage.class.getResourceAsStream(DIR + key(path) + ".txt")) {
            return in == null ? Optional.empty() : Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String key(List<String> path) {
        return path.isEmpty() ? "archgate" : String.join("-", path);
    }

    /** Renders the help at build time; a class of its own, so that a lookup loads nothing of picocli. */
    public static final class Renderer {
        private Renderer() {}

        /** Every command's help as picocli renders it without colours, keyed as {@link CachedUsage#answer} looks it up. */
        static Map<String, String> render() {
            Map<String, String> texts = new TreeMap<>();
            walk(ArchgateCommand.newCommandLine(), new ArrayList<>(), texts);
            return texts;
        }

        private static void walk(CommandLine command, List<String> path, Map<String, String> texts) {
            texts.put(key(path), command.getUsageMessage(CommandLine.Help.Ansi.OFF));
            command.getSubcommands().forEach((name, sub) -> {
                if (!name.equals("help")) {
                    List<String> deeper = new ArrayList<>(path);
                    deeper.add(name);
                    walk(sub, deeper, texts);
                }
            });
        }

        /** Writes the rendered help under the class output directory given, for the jar. */
        public static void main(String[] args) throws IOException {
            Path dir = Path.of(args[0]).resolve(Renderer.class.getPackageName().replace('.', '/')).resolve(DIR);
            Files.createDirectories(dir);
            for (Map.Entry<String, String> text : render().entrySet()) {
                Files.writeString(dir.resolve(text.getKey() + ".txt"), text.getValue(), StandardCharsets.UTF_8);
            }
        }
    }
}
