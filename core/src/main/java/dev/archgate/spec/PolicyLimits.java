package dev.archgate.spec;

import java.io.Serializable;

/**
 * archgate.yml's {@code policy:}: the limits the image design checks hold each variant to. In a
 * {@link SpecDraft} a null member means "not given here"; {@link GateSpec} has the defaults filled in.
 *
 * @param sizeBudget the most a variant may weigh compressed (what a node pulls), in bytes; null
 *     for no budget
 * @param wastedBytes above this many bytes hidden by later layers, policy.wasted-bytes warns
 *     instead of informing
 */
public record PolicyLimits(Long sizeBudget, Long wastedBytes) implements Serializable {
    public static final long DEFAULT_WASTED_BYTES = 10L * 1024 * 1024;
    static final PolicyLimits NONE = new PolicyLimits(null, null);

    /** These limits with each one {@code later} gives replacing this one's. */
    PolicyLimits overriddenBy(PolicyLimits later) {
        return new PolicyLimits(later.sizeBudget != null ? later.sizeBudget : sizeBudget,
                later.wastedBytes != null ? later.wastedBytes : wastedBytes);
    }

    PolicyLimits withDefaults() {
        return new PolicyLimits(sizeBudget, wastedBytes != null ? wastedBytes : DEFAULT_WASTED_BYTES);
    }

    public static PolicyLimits sizeBudget(long bytes) {
        return new PolicyLimits(bytes, null);
    }

    public static PolicyLimits wastedBytes(long bytes) {
        return new PolicyLimits(null, bytes);
    }
}
