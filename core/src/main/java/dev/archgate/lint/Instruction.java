package dev.archgate.lint;

import java.util.List;

/**
 * One Dockerfile instruction: its keyword (upper case), the flags and arguments as written, and
 * the physical lines it spans, so that a finding points at the line that holds the problem.
 */
public record Instruction(String keyword, String arguments, List<Line> lines, int stage) {
    public Instruction {
        lines = List.copyOf(lines);
    }

    /** A physical line of the file, numbered from 1. */
    public record Line(int number, String text) {}

    public int firstLine() {
        return lines.get(0).number();
    }

    /** The line whose text contains {@code fragment}, or the instruction's first line. */
    public int lineOf(String fragment) {
        return lines.stream().filter(l -> l.text().contains(fragment)).mapToInt(Line::number).findFirst().orElse(firstLine());
    }
}
