package dev.archgate.spec;

import dev.archgate.ArchgateException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * archgate.yml's values as SnakeYAML hands them over (maps, lists, strings, numbers, booleans), read as the types the
 * spec needs: a value of another shape, or a key not allowed, is refused naming its key; text has its {@code ${VAR}}
 * expanded from the environment.
 */
final class YamlValues {
    private final UnaryOperator<String> environment;

    YamlValues(UnaryOperator<String> environment) {
        this.environment = environment;
    }

    String optionalString(Object value, String key) {
        return value == null ? null : string(value, key);
    }

    void keys(Map<String, Object> map, Set<String> allowed, String prefix) {
        for (String key : map.keySet()) {
            if (!allowed.contains(key)) {
                throw ArchgateException.usage("unknown key '" + prefix + key + "': allowed " + (prefix.isEmpty() ? "at the top level" : "under "
                        + prefix.substring(0, prefix.length() - 1)) + " are " + String.join(", ", new TreeSet<>(allowed)));
            }
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> map(Object value, String key) {
        if (!(value instanceof Map<?, ?> m) || !m.keySet().stream().allMatch(k -> k instanceof String)) {
            throw ArchgateException.usage(key + " must be a mapping of names to values, not '" + value + "'");
        }
        return (Map<String, Object>) m;
    }

    String string(Object value, String key) {
        if (!(value instanceof String s) || s.isBlank()) {
            throw ArchgateException.usage(key + " must be a non-empty string, not '" + value + "'");
        }
        return expand(s, key);
    }

    /** A scalar that YAML may have read as a number or boolean but that archgate uses as text. */
    String scalar(Object value, String key) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return expand(String.valueOf(value), key);
        }
        throw ArchgateException.usage(key + " must be a single value, not '" + value + "'");
    }

    List<String> strings(Object value, String key) {
        if (value instanceof String s) {
            return List.of(string(s, key));
        }
        if (!(value instanceof List<?> list)) {
            throw ArchgateException.usage(key + " must be a list of strings, not '" + value + "'");
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            out.add(scalar(list.get(i), key + "[" + i + "]"));
        }
        return out;
    }

    boolean bool(Object value, String key) {
        if (value instanceof Boolean b) {
            return b;
        }
        throw ArchgateException.usage(key + " is '" + value + "': use true or false");
    }

    String expand(String text, String key) {
        return EnvExpander.expand(text, environment, key);
    }
}
