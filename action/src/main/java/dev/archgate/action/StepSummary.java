package dev.archgate.action;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The job summary: summary.md appended to {@code GITHUB_STEP_SUMMARY}. GitHub refuses a step's
 * summary above 1 MiB (and then shows none), so a longer one is cut at a line end below the limit
 * and ends with a line saying where the full report is.
 */
final class StepSummary {
    /** GitHub's limit for one step's summary, in bytes. */
    static final int LIMIT = 1024 * 1024;

    private StepSummary() {}

    static String fit(String markdown, String fullReport, int limit) {
        if (markdown.getBytes(StandardCharsets.UTF_8).length <= limit) {
            return markdown;
        }
        String note = "\n\n**Summary cut to fit GitHub's 1 MiB limit; the full report is " + fullReport + ".**\n";
        int budget = limit - note.getBytes(StandardCharsets.UTF_8).length;
        StringBuilder kept = new StringBuilder();
        int bytes = 0;
        for (String line : markdown.split("\n", -1)) {
            int size = (line + "\n").getBytes(StandardCharsets.UTF_8).length;
            if (bytes + size > budget) {
                break;
            }
            kept.append(line).append('\n');
            bytes += size;
        }
        return kept + note;
    }

    static void append(Path file, String markdown, String fullReport) throws IOException {
        Files.writeString(file, fit(markdown, fullReport, LIMIT), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
