package dev.archgate.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parsed Dockerfile: its instructions in order, each tagged with the index of the build stage
 * it belongs to (-1 for ARGs before the first FROM). Follows the reference's line rules: the
 * escape parser directive, line continuations, comment lines inside continuations, and heredocs
 * ({@code RUN <<EOF}), whose bodies belong to the instruction.
 */
public record Dockerfile(String name, List<Instruction> instructions) {
    private static final Pattern ESCAPE_DIRECTIVE = Pattern.compile("^#\\s*escape\\s*=\\s*(\\S)\\s*$", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEREDOC = Pattern.compile("<<-?\\s*[\"']?([A-Za-z_][A-Za-z0-9_]*)[\"']?");

    public Dockerfile {
        instructions = List.copyOf(instructions);
    }

    public static Dockerfile parse(String name, String text) {
        String[] physical = text.replace("\r\n", "\n").split("\n", -1);
        char escape = '\\';
        for (String line : physical) {
            Matcher m = ESCAPE_DIRECTIVE.matcher(line.trim());
            if (m.matches()) {
                escape = m.group(1).charAt(0);
                break;
            }
            if (!line.trim().startsWith("#") || line.trim().isEmpty()) {
                break; // parser directives only stand before anything else
            }
        }
        List<Instruction> out = new ArrayList<>();
        int stage = -1;
        int i = 0;
        while (i < physical.length) {
            String trimmed = physical[i].trim();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                i++;
                continue;
            }
            List<Instruction.Line> lines = new ArrayList<>();
            StringBuilder logical = new StringBuilder();
            while (i < physical.length) {
                String line = physical[i];
                lines.add(new Instruction.Line(i + 1, line));
                i++;
                String t = line.stripTrailing();
                boolean continues = !t.isEmpty() && t.charAt(t.length() - 1) == escape;
                if (lines.size() > 1 && line.trim().startsWith("#")) {
                    continue; // a comment inside a continuation is dropped
                }
                logical.append(continues ? t.substring(0, t.length() - 1) : t).append(' ');
                if (!continues) {
                    break;
                }
            }
            Matcher heredoc = HEREDOC.matcher(logical);
            while (heredoc.find()) {
                String end = heredoc.group(1);
                while (i < physical.length) {
                    lines.add(new Instruction.Line(i + 1, physical[i]));
                    logical.append('\n').append(physical[i]);
                    i++;
                    if (lines.get(lines.size() - 1).text().trim().equals(end)) {
                        break;
                    }
                }
            }
            String text1 = logical.toString().trim();
            int space = text1.indexOf(' ');
            String keyword = (space < 0 ? text1 : text1.substring(0, space)).toUpperCase(Locale.ROOT);
            String args = space < 0 ? "" : text1.substring(space + 1).trim();
            if (keyword.equals("FROM")) {
                stage++;
            }
            out.add(new Instruction(keyword, args, lines, stage));
        }
        return new Dockerfile(name, out);
    }

    /** The index of the last stage, the one whose result is the image unless --target says otherwise. */
    public int finalStage() {
        return instructions.stream().mapToInt(Instruction::stage).max().orElse(-1);
    }

    /** The FROM instruction of each stage, in order. */
    public List<Instruction> froms() {
        return instructions.stream().filter(i -> i.keyword().equals("FROM")).toList();
    }
}
