package dev.archgate.action;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.UUID;

/**
 * The step's outputs, appended to the file {@code GITHUB_OUTPUT} names: {@code name=value} for a
 * one-line value, and GitHub's delimiter form {@code name<<DELIM} ... {@code DELIM} for a value
 * with line breaks, with a random delimiter that cannot occur in the value.
 */
final class OutputFile {
    private OutputFile() {}

    static String encode(String name, String value) {
        String v = value == null ? "" : value;
        if (!v.contains("\n") && !v.contains("\r")) {
            return name + "=" + v + "\n";
        }
        String delimiter;
        do {
            delimiter = "ghadelimiter_" + UUID.randomUUID();
        } while (v.contains(delimiter));
        return name + "<<" + delimiter + "\n" + v + "\n" + delimiter + "\n";
    }

    static void append(Path file, Map<String, String> outputs) throws IOException {
        StringBuilder text = new StringBuilder();
        outputs.forEach((k, v) -> text.append(encode(k, v)));
        Files.writeString(file, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
