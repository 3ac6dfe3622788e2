package dev.archgate.action;

import dev.archgate.ArchgateException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The step's {@code with:} values as the runner passes them: {@code INPUT_} plus the name upper-cased,
 * spaces turned to {@code _} and hyphens kept ({@code smoke-command} is {@code INPUT_SMOKE-COMMAND}).
 * An empty value is unset, since the runner passes every declared input, given or not.
 */
final class Inputs {
    private final Map<String, String> env;

    Inputs(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The environment variable the runner sets for an input. */
    static String variable(String name) {
        return "INPUT_" + name.replace(' ', '_').toUpperCase(Locale.ROOT);
    }

    /** The trimmed value, or null when the input is absent or blank. */
    String get(String name) {
        String v = env.get(variable(name));
        return v == null || v.isBlank() ? null : v.trim();
    }

    /**
     * The value exactly as given, or null when absent or blank: for a pattern or a password,
     * where leading or trailing spaces are part of the value.
     */
    String raw(String name) {
        String v = env.get(variable(name));
        return v == null || v.isBlank() ? null : v;
    }

    /** true/false in any case (YAML writes True, people write TRUE); null when unset. */
    Boolean flag(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        return switch (v.toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ArchgateException.usage("input '" + name + "' is '" + v + "': use true or false");
        };
    }

    /** One value per line, blank lines dropped (build-args, promote); empty when unset. */
    List<String> lines(String name) {
        String v = get(name);
        return v == null ? List.of() : v.lines().map(String::trim).filter(l -> !l.isEmpty()).toList();
    }

    /**
     * A list of docker/build-push-action's {@code ignoreComma} kind (build-args, labels, secrets,
     * cache-from...): one item per line whatever commas it holds, double quotes as in CSV.
     */
    List<String> list(String name) {
        return InputList.parse(get(name), name);
    }

    /** Values one per line or separated by commas (tags, platforms); empty when unset. */
    List<String> items(String name) {
        return lines(name).stream().flatMap(l -> Arrays.stream(l.split(","))).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** A whole number; null when unset. */
    Integer number(String name) {
        String v = get(name);
        if (v == null) {
            return null;
        }
        try {
            return Integer.valueOf(v);
        } catch (NumberFormatException e) {
            throw ArchgateException.usage("input '" + name + "' is '" + v + "': give a whole number such as 0");
        }
    }
}
