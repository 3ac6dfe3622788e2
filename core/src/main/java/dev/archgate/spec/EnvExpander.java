package dev.archgate.spec;

import dev.archgate.ArchgateException;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${VAR}} and {@code ${VAR:-default}} in spec values, as CI systems write them; {@code $$}
 * is a literal dollar. A variable that is not set and has no default is an error, since an empty
 * tag or registry would silently gate the wrong image.
 */
final class EnvExpander {
    private static final Pattern REFERENCE = Pattern.compile("\\$\\$|\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::-([^}]*))?}");

    private EnvExpander() {}

    static String expand(String text, UnaryOperator<String> environment, String key) {
        Matcher m = REFERENCE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement;
            if (m.group().equals("$$")) {
                replacement = "$";
            } else {
                String value = environment.apply(m.group(1));
                if (value == null || (value.isEmpty() && m.group(2) != null)) {
                    if (m.group(2) == null) {
                        throw ArchgateException.usage(key + " uses ${" + m.group(1) + "}, which is not set: set it in the environment or write ${"
                                + m.group(1) + ":-default}");
                    }
                    value = m.group(2);
                }
                replacement = value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
