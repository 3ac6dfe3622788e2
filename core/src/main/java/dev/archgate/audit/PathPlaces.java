package dev.archgate.audit;

import dev.archgate.image.fs.PathNames;
import dev.archgate.platform.ArchitectureNames;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** What a file's path says about the file, whatever its bytes: an emulator's own binary, a cross sysroot, a package. */
final class PathPlaces {
    private static final Pattern EMULATOR = Pattern.compile("qemu-[a-z0-9_]+(-static)?|box(64|86)|FEX(Interpreter|Loader)?");

    private PathPlaces() {}

    /** qemu-*, box64, box86 or FEX: carried for hosts of other architectures. */
    static boolean isEmulator(String path) {
        return EMULATOR.matcher(PathNames.baseName(path)).matches();
    }

    /** {@code /usr/<triplet>/} or {@code /usr/lib/gcc-cross/<triplet>/} of an architecture other than {@code platformArchitecture} (as {@link ArchitectureNames} names it). */
    static Optional<String> crossSysroot(String path, String platformArchitecture) {
        String[] parts = path.split("/");
        int at = parts.length > 3 && parts[2].equals("lib") && parts[3].equals("gcc-cross") ? 4 : 2;
        if (parts.length <= at + 1 || !parts[1].equals("usr")) {
            return Optional.empty();
        }
        String triplet = parts[at];
        return ArchitectureNames.ofTriplet(triplet).filter(a -> !a.equals(platformArchitecture))
                .map(a -> String.join("/", List.of(parts).subList(0, at + 1)) + "/");
    }

    /** The directory of the package a file belongs to: node_modules/NAME (or @scope/NAME), site- or dist-packages/NAME, else its directory. */
    static String packageDirectory(String path) {
        String[] parts = path.split("/");
        for (int i = parts.length - 2; i >= 1; i--) {
            String p = parts[i];
            if ((p.equals("node_modules") || p.equals("site-packages") || p.equals("dist-packages")) && i + 1 < parts.length - 1) {
                int end = parts[i + 1].startsWith("@") && i + 2 < parts.length - 1 ? i + 3 : i + 2;
                return String.join("/", List.of(parts).subList(0, end));
            }
        }
        return PathNames.parent(path);
    }
}
