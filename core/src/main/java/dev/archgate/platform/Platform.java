package dev.archgate.platform;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A normalised OCI platform: {@code os/architecture[/variant]}, spelled the way image indexes
 * spell it (containerd's normal form), so that two spellings of one platform compare equal.
 * The variant is the empty string when there is none.
 */
public record Platform(String os, String architecture, String variant) implements Serializable {

    /** The forms a user may type, for error messages. */
    public static final String ACCEPTED_FORMS =
            "linux/amd64, linux/arm64, linux/arm/v7, linux/arm/v6, linux/arm/v5, linux/386, linux/ppc64le, "
                    + "linux/s390x, linux/riscv64, linux/mips64le, linux/loong64 "
                    + "(aliases: x86_64, aarch64, armhf, armel, i386, ppc64el)";

    private static final Map<String, String> ARCH_ALIASES = Map.ofEntries(
            Map.entry("amd64", "amd64"), Map.entry("x86_64", "amd64"), Map.entry("x86-64", "amd64"),
            Map.entry("arm64", "arm64"), Map.entry("aarch64", "arm64"),
            Map.entry("arm", "arm"), Map.entry("armhf", "arm"), Map.entry("armel", "arm"),
            Map.entry("armv7", "arm"), Map.entry("armv7l", "arm"), Map.entry("armv6", "arm"),
            Map.entry("armv6l", "arm"), Map.entry("armv5", "arm"),
            Map.entry("386", "386"), Map.entry("i386", "386"), Map.entry("i686", "386"), Map.entry("x86", "386"),
            Map.entry("ppc64le", "ppc64le"), Map.entry("ppc64el", "ppc64le"),
            Map.entry("s390x", "s390x"), Map.entry("riscv64", "riscv64"),
            Map.entry("mips64le", "mips64le"), Map.entry("loong64", "loong64"));

    /** Variants implied by an architecture alias (armhf is Debian's ARMv7 hard-float port). */
    private static final Map<String, String> ALIAS_VARIANT = Map.of(
            "armhf", "v7", "armv7", "v7", "armv7l", "v7", "armel", "v6", "armv6", "v6", "armv6l", "v6", "armv5", "v5");

    private static final Map<String, Set<String>> VARIANTS = Map.of(
            "amd64", Set.of("v1", "v2", "v3", "v4"),
            "arm64", Set.of("v8", "v8.1", "v8.2", "v8.3", "v8.4", "v8.5", "v9"),
            "arm", Set.of("v5", "v6", "v7", "v8"));

    public Platform {
        Objects.requireNonNull(os, "os");
        Objects.requireNonNull(architecture, "architecture");
        variant = variant == null ? "" : variant;
    }

    public static Platform of(String os, String architecture) {
        return new Platform(os, architecture, "");
    }

    /**
     * Parses and normalises one platform. A missing {@code linux/} prefix is allowed; arm without
     * a variant means v7, arm64/v8 means plain arm64 and a bare digit is a variant (arm/7 is
     * arm/v7), as in containerd.
     *
     * @throws UnknownPlatformException naming the accepted forms
     */
    public static Platform parse(String text) {
        String raw = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        String[] parts = raw.split("/", -1);
        if (raw.isEmpty() || parts.length > 3 || List.of(parts).contains("")) {
            throw new UnknownPlatformException(text);
        }
        List<String> p = new ArrayList<>(List.of(parts));
        if (!p.get(0).equals("linux")) {
            if (ARCH_ALIASES.containsKey(p.get(0)) && p.size() < 3) {
                p.add(0, "linux");
            } else {
                throw new UnknownPlatformException(text);
            }
        }
        String alias = p.size() > 1 ? p.get(1) : "";
        String arch = ARCH_ALIASES.get(alias);
        if (arch == null) {
            throw new UnknownPlatformException(text);
        }
        String variant = p.size() > 2 ? p.get(2) : ALIAS_VARIANT.getOrDefault(alias, "");
        if ((arch.equals("arm") || arch.equals("arm64")) && variant.matches("[5-8]")) {
            variant = "v" + variant; // containerd accepts linux/arm/7 and linux/arm64/8 too
        }
        if (p.size() > 2 && ALIAS_VARIANT.containsKey(alias) && !ALIAS_VARIANT.get(alias).equals(variant)) {
            throw new UnknownPlatformException(text);
        }
        if (arch.equals("arm") && variant.isEmpty()) {
            variant = "v7";
        }
        if (arch.equals("arm64") && variant.equals("v8")) {
            variant = "";
        }
        if (arch.equals("amd64") && variant.equals("v1")) {
            variant = "";
        }
        if (!variant.isEmpty() && !VARIANTS.getOrDefault(arch, Set.of()).contains(variant)) {
            throw new UnknownPlatformException(text);
        }
        return new Platform("linux", arch, variant);
    }

    /** Parses a comma- or space-separated list, keeping the order and dropping repeats. */
    public static List<Platform> parseList(String text) {
        Set<Platform> out = new LinkedHashSet<>();
        for (String item : (text == null ? "" : text).split("[,\\s]+")) {
            if (!item.isBlank()) {
                out.add(parse(item));
            }
        }
        if (out.isEmpty()) {
            throw new UnknownPlatformException(text);
        }
        return List.copyOf(out);
    }

    /**
     * Whether an image's own label (from an index entry or a config) names this platform. Labels
     * in images are often less precise than what was asked for (arm64 without v8, arm without a
     * variant), so a label with no variant matches any variant of the same architecture.
     */
    public boolean matchesLabel(String labelOs, String labelArch, String labelVariant) {
        Platform label;
        try {
            label = parse(labelOs + "/" + labelArch + (labelVariant == null || labelVariant.isEmpty() ? "" : "/" + labelVariant));
        } catch (UnknownPlatformException e) {
            return false;
        }
        if (!label.os.equals(os) || !label.architecture.equals(architecture)) {
            return false;
        }
        boolean labelHasVariant = labelVariant != null && !labelVariant.isEmpty();
        return !labelHasVariant || label.variant.equals(variant);
    }

    /** The name QEMU gives this architecture: {@code qemu-<name>-static}, binfmt handler {@code qemu-<name>}. */
    public String qemuArch() {
        return switch (architecture) {
            case "amd64" -> "x86_64";
            case "arm64" -> "aarch64";
            case "arm" -> "arm";
            case "386" -> "i386";
            case "ppc64le" -> "ppc64le";
            case "s390x" -> "s390x";
            case "riscv64" -> "riscv64";
            case "mips64le" -> "mips64el";
            case "loong64" -> "loongarch64";
            default -> throw new IllegalStateException("no QEMU name for " + this);
        };
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
    }
}
