package dev.archgate.spec;

import dev.archgate.ArchgateException;
import dev.archgate.findings.Check;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Check ids to levels: archgate.yml's {@code checks:} and the adapters' {@code --check ID=LEVEL} settings, read and
 * validated the same way, the settings merged over the file.
 */
public final class CheckLevels {
    private CheckLevels() {}

    public static Map<Check, CheckLevel> merge(Map<Check, CheckLevel> fromFile, Map<String, String> flags) {
        Map<Check, CheckLevel> out = new LinkedHashMap<>(fromFile == null ? Map.of() : fromFile);
        Map<String, Object> asYaml = new LinkedHashMap<>(flags);
        out.putAll(read(asYaml, "--check "));
        return out;
    }

    /** Check ids to levels, each id and level validated; {@code prefix} names where they came from. */
    static Map<Check, CheckLevel> read(Map<String, Object> entries, String prefix) {
        Map<Check, CheckLevel> levels = new LinkedHashMap<>();
        for (Map.Entry<String, Object> e : entries.entrySet()) {
            String where = prefix.endsWith(".") ? prefix.substring(0, prefix.length() - 1) : prefix.trim();
            Check check = Check.fromId(e.getKey()).orElseThrow(() -> ArchgateException.usage(where + " has an unknown check '" + e.getKey()
                    + "': use ignore-paths or a check id, one of " + Arrays.stream(Check.values()).map(Check::id).collect(Collectors.joining(", "))));
            CheckLevel level;
            if (Boolean.FALSE.equals(e.getValue())) {
                level = CheckLevel.OFF; // YAML 1.1 reads an unquoted off (or no) as false
            } else {
                String word = String.valueOf(e.getValue());
                try {
                    level = CheckLevel.valueOf(word.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException ex) {
                    throw ArchgateException.usage(prefix + e.getKey() + " is '" + word + "': use error, warning, info or off");
                }
            }
            if (level == CheckLevel.OFF && hidesAnUncheckedPlatform(check)) {
                throw ArchgateException.usage(prefix + e.getKey() + " cannot be off: it is how archgate says a platform was not checked; "
                        + "remove a platform you do not require from platforms instead");
            }
            levels.put(check, level);
        }
        return levels;
    }

    /**
     * Checks whose finding means the platform's variant could not be checked at all (absent, or
     * refused by the engine) or that nothing could run: switched off, they would only hide that.
     */
    private static boolean hidesAnUncheckedPlatform(Check check) {
        return check.environmental() || check == Check.PLATFORM_MISSING || check == Check.PLATFORM_LABEL_MISMATCH;
    }
}
