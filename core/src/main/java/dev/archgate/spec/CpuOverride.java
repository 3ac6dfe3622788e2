package dev.archgate.spec;

import dev.archgate.ArchgateException;
import dev.archgate.platform.Platform;
import dev.archgate.platform.UnknownPlatformException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One {@code emulation.cpu} entry (archgate.yml) or {@code --emulation-cpu P=MODEL} (flag): the
 * QEMU CPU model a platform's strict smoke runs emulate instead of its baseline, for a fleet that
 * is newer than what the platform promises.
 */
public final class CpuOverride {
    /** What QEMU_CPU takes: a model name, then ",feature" switches; no spaces, no shell words. */
    private static final Pattern MODEL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.+-]*(,[A-Za-z0-9_.+=-]+)*");

    private CpuOverride() {}

    /**
     * @param key where the entry came from, for the message (e.g. "emulation.cpu")
     * @throws ArchgateException naming the platform or model that is not valid and the form expected
     */
    public static Map.Entry<Platform, String> of(String platform, String model, String key) {
        Platform p;
        try {
            p = Platform.parse(platform);
        } catch (UnknownPlatformException e) {
            throw ArchgateException.usage(key + ": " + e.getMessage());
        }
        if (model == null || !MODEL.matcher(model).matches()) {
            throw ArchgateException.usage(key + ": '" + model + "' for " + p + " is not a QEMU CPU model: give a name that qemu-"
                    + p.qemuArch() + "-static -cpu help lists, e.g. " + p + ": " + example(p));
        }
        return Map.entry(p, model);
    }

    /** Every entry of {@code given} (platform to model), in order, each checked as {@link #of} does. */
    public static Map<Platform, String> all(Map<String, String> given, String key) {
        Map<Platform, String> out = new java.util.LinkedHashMap<>();
        given.forEach((platform, model) -> {
            Map.Entry<Platform, String> e = of(platform, model, key);
            out.put(e.getKey(), e.getValue());
        });
        return out;
    }

    private static String example(Platform p) {
        return switch (p.architecture()) {
            case "amd64" -> "Haswell";
            case "arm64" -> "cortex-a72";
            case "arm" -> "cortex-a7";
            case "ppc64le" -> "power9";
            default -> "max";
        };
    }
}
