package dev.archgate.spec;

import dev.archgate.ArchgateException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in CI configs: 500ms, 30s, 2m, 1h, or a bare number of seconds. */
public final class Durations {
    private static final Pattern FORM = Pattern.compile("(\\d+)(ms|s|m|h)?");

    private Durations() {}

    public static Duration parse(String text, String key) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) {
            throw ArchgateException.usage(key + " is '" + text + "': write a duration such as 500ms, 30s, 2m or 1h");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }
}
