package dev.archgate.jenkins.mapping;

import java.util.ArrayList;
import java.util.List;

/**
 * List parameters as both front ends send them: a Pipeline script passes a list, a freestyle form's text area
 * passes one value with an item per line (blank lines dropped). Stapler binds a text area's single value to a list of
 * that one value, so an empty text area arrives as {@code [""]}: a lone blank value is no item.
 */
public final class Lines {
    private Lines() {}

    /**
     * The items, in an {@link ArrayList} of their own: the parameters are stored in a job's config.xml by XStream, which
     * writes an {@code ImmutableCollections} list as a JDK-internal class it can read back only with {@code --add-opens}.
     */
    public static ArrayList<String> items(List<String> values) {
        ArrayList<String> out = new ArrayList<>();
        if (values == null || values.size() == 1 && values.get(0) != null && values.get(0).isBlank()) {
            return out;
        }
        for (String value : values) {
            if (value == null) {
                continue;
            }
            if (!value.contains("\n") && !value.contains("\r")) {
                out.add(value); // an item of a Pipeline list is taken as it is, even blank ("sh -c ''")
                continue;
            }
            for (String line : value.split("\\R")) {
                if (!line.isBlank()) {
                    out.add(line);
                }
            }
        }
        return out;
    }

    /** The text a form's text area shows for a list parameter: one item per line. */
    public static String text(List<String> values) {
        return values == null ? "" : String.join("\n", values);
    }
}
