package dev.archgate.spec;

import dev.archgate.ArchgateException;
import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * archgate.yml's {@code hardware:}: what the machines of a platform are, where that is more than the
 * platform promises. In a {@link SpecDraft} entries given later replace earlier ones of the same platform.
 *
 * @param pageSize per platform, the page size (4096, 16384 or 65536 bytes) every ELF file must load
 *     under; a platform not named keeps elf.page-size's default rule
 * @param cpu per platform, the CPU or level its oldest machine has, by a name {@link CpuBaseline#named}
 *     knows: the baseline of the static level checks and the CPU strict smoke runs emulate
 */
public record HardwarePolicy(Map<Platform, Long> pageSize, Map<Platform, String> cpu) implements Serializable {
    public static final HardwarePolicy NONE = new HardwarePolicy(Map.of(), Map.of());

    public HardwarePolicy {
        pageSize = Map.copyOf(pageSize);
        cpu = Map.copyOf(cpu);
    }

    /** The baseline of {@code p}: the one hardware.cpu names, else the platform variant's own. */
    public CpuBaseline baseline(Platform p) {
        String name = cpu.get(p);
        return name == null ? CpuBaseline.of(p) : CpuBaseline.named(p, name).orElseThrow();
    }

    HardwarePolicy overriddenBy(HardwarePolicy later) {
        Map<Platform, Long> pages = new LinkedHashMap<>(pageSize);
        pages.putAll(later.pageSize);
        Map<Platform, String> cpus = new LinkedHashMap<>(cpu);
        cpus.putAll(later.cpu);
        return new HardwarePolicy(pages, cpus);
    }

    /**
     * hardware.page-size and hardware.cpu as given (platform to value), checked.
     *
     * @throws ArchgateException naming the platform and value that are not valid, and what is
     */
    static HardwarePolicy of(Map<String, String> pageSize, Map<String, String> cpu) {
        Map<Platform, Long> pages = new LinkedHashMap<>();
        pageSize.forEach((platform, size) -> {
            Platform p = platform(platform, "hardware.page-size");
            Long bytes = switch (size.toLowerCase(java.util.Locale.ROOT)) {
                case "4k", "4kib", "4096" -> 4096L;
                case "16k", "16kib", "16384" -> 16384L;
                case "64k", "64kib", "65536" -> 65536L;
                default -> null;
            };
            if (bytes == null) {
                throw ArchgateException.usage("hardware.page-size: '" + size + "' for " + p + " is not a page size Linux uses: give 4k, 16k or 64k");
            }
            pages.put(p, bytes);
        });
        Map<Platform, String> cpus = new LinkedHashMap<>();
        cpu.forEach((platform, name) -> {
            Platform p = platform(platform, "hardware.cpu");
            if (CpuBaseline.named(p, name).isEmpty()) {
                throw ArchgateException.usage("hardware.cpu: '" + name + "' for " + p + " is not a CPU archgate knows: give one of " + CpuBaseline.names(p));
            }
            cpus.put(p, name);
        });
        return new HardwarePolicy(pages, cpus);
    }

    private static Platform platform(String given, String key) {
        try {
            return Platform.parse(given);
        } catch (dev.archgate.platform.UnknownPlatformException e) {
            throw ArchgateException.usage(key + ": " + e.getMessage());
        }
    }
}
