package dev.archgate.gate;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.spec.CheckLevel;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The user's severities from archgate.yml's {@code checks:}: a check can be raised, lowered or
 * switched off. Environmental findings ("could not check") are never lowered, since that would
 * turn an unchecked platform into a pass.
 */
final class Policy {
    private final Map<Check, CheckLevel> levels;

    Policy(Map<Check, CheckLevel> levels) {
        this.levels = Map.copyOf(levels);
    }

    List<Finding> apply(List<Finding> findings) {
        return findings.stream().flatMap(f -> {
            CheckLevel level = levels.get(f.check());
            if (level == null || f.check().environmental()) {
                return Optional.of(f).stream();
            }
            return level.severity().map(f::withSeverity).stream();
        }).toList();
    }
}
