package dev.archgate.jenkins.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * List parameters as both front ends send them: a Pipeline script passes a list, a freestyle form's text area
 * passes one value with an item per line (blank lines dropped).
 */
public final class Lines {
    private Lines() {}

    public static List<String> items(List<String> values) {
        List<String> out = new ArrayList<>();
        if (values != null) {
            for (String value : values) {
                if (value == null) {
                    continue;
                }
                if (!value.contains("\n") && !value.contains("\r")) {
                    out.add(value); // a Pipeline list item is taken as it is, even blank
                    continue;
                }
                for (String line : value.split("\\R")) {
                    if (!line.isBlank()) {
                        out.add(line);
                    }
                }
            }
        }
        return List.copyOf(out);
    }

    /** The text a form's text area shows for a list parameter: one item per line. */
    public static String text(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }
}
