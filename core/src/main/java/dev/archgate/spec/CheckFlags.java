package dev.archgate.spec;

import dev.archgate.report.Check;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code --check ID=LEVEL} flags, validated like archgate.yml's {@code checks:} and merged over it. */
public final class CheckFlags {
    private CheckFlags() {}

    public static Map<Check, CheckLevel> merge(Map<Check, CheckLevel> fromFile, Map<String, String> flags) {
        Map<Check, CheckLevel> out = new LinkedHashMap<>(fromFile == null ? Map.of() : fromFile);
        Map<String, Object> asYaml = new LinkedHashMap<>(flags);
        out.putAll(SpecLoader.checkLevels(asYaml, "--check "));
        return out;
    }
}
