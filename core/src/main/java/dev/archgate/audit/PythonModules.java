package dev.archgate.audit;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.PathNames;
import dev.archgate.platform.ArchitectureNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Python extension modules where the image's Python imports from: {@code site-packages} and
 * {@code dist-packages} at any depth (virtualenvs, {@code /usr/lib/python3/dist-packages}) and
 * {@code lib-dynload}. CPython tries, per module, only the suffixes of its own build
 * ({@code importlib.machinery.EXTENSION_SUFFIXES}: {@code .cpython-311-aarch64-linux-gnu.so},
 * {@code .abi3.so}, {@code .so} on Debian's arm64 Python), so:
 * <ul>
 * <li>error: a module this platform's Python would pick (untagged, {@code abi3}, or tagged with
 *     this architecture's triplet) whose code is of another architecture or C library: the first
 *     {@code import} fails ("wrong ELF class", "cannot open shared object file");</li>
 * <li>note: a module tagged for another architecture beside a fitting one for this platform;</li>
 * <li>warning: a module tagged for another architecture with none for this one: Python never
 *     sees it, so the import fails unless the package falls back to pure Python (PyYAML does);</li>
 * <li>warning: a {@code *.dist-info/WHEEL} whose platform tags ({@code linux_x86_64},
 *     {@code manylinux_2_17_aarch64}, {@code musllinux_1_2_x86_64}) fit neither this architecture
 *     nor this variant's C library: pip installed another platform's build.</li>
 * </ul>
 */
final class PythonModules {
    /** NAME.cpython-311-x86_64-linux-gnu.so, NAME.cpython-311d-...so, NAME.abi3.so, NAME.so; groups: name, version, triplet. */
    private static final Pattern MODULE = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:\\.cpython-([0-9]+[a-z]*)-([a-z0-9_]+-linux-[a-z0-9_]+)"
            + "|\\.abi3)?\\.so");
    /** manylinux1_x86_64, manylinux2014_aarch64, manylinux_2_17_x86_64, musllinux_1_2_aarch64, linux_armv7l, Debian's linux_arm64. */
    private static final Pattern WHEEL_PLATFORM = Pattern.compile("(manylinux[0-9]*(?:_[0-9]+_[0-9]+)?|musllinux_[0-9]+_[0-9]+|linux)_(.+)");

    private PythonModules() {}

    static boolean concerns(FileFacts f) {
        return importable(f.path()) && (f.path().endsWith(".so") && f.isElf() || f.path().endsWith(".dist-info/WHEEL"));
    }

    /** Where a Python of the image imports from. */
    static boolean importable(String path) {
        return path.contains("/site-packages/") || path.contains("/dist-packages/") || path.contains("/lib-dynload/");
    }

    static List<Finding> check(RuntimeNatives natives, MergedFilesystem fs, List<FileFacts> files) {
        List<Finding> out = new ArrayList<>();
        for (FileFacts f : files) {
            if (f.path().endsWith("/WHEEL")) {
                wheel(natives, f).ifPresent(out::add);
            } else {
                module(natives, fs, f).ifPresent(out::add);
            }
        }
        return out;
    }

    private static Optional<Finding> module(RuntimeNatives natives, MergedFilesystem fs, FileFacts f) {
        Matcher m = MODULE.matcher(PathNames.baseName(f.path()));
        Optional<String> unfit = natives.unfit(f);
        if (!m.matches() || unfit.isEmpty()) {
            return Optional.empty();
        }
        String platform = natives.platform().toString();
        String own = ArchitectureNames.of(natives.platform());
        String triplet = m.group(3);
        String tagArch = triplet == null ? own : ArchitectureNames.ofTriplet(triplet).orElse(null);
        String pkg = PathPlaces.packageDirectory(f.path());
        if (own.equals(tagArch)) {
            String tag = triplet == null ? (f.path().endsWith(".abi3.so") ? "the stable-ABI tag abi3" : "no platform tag")
                    : "this platform's tag " + triplet;
            return Optional.of(Finding.error(Check.NATIVE_PYTHON_MODULE, f.path(), "import fails on " + platform + ": Python picks this "
                    + "module (its name carries " + tag + "), and it is " + unfit.get() + "; install " + pkg + " in a stage of "
                    + platform + " (pip or apt there, not a copy of another platform's)"));
        }
        Optional<String> counterpart = counterpart(natives, fs, f.path(), m.group(1), m.group(2));
        if (counterpart.isPresent()) {
            return Optional.of(Finding.info(Check.NATIVE_PYTHON_MODULE, f.path(), "another platform's module (" + unfit.get() + "); "
                    + platform + " imports " + counterpart.get() + " instead, which fits"));
        }
        return Optional.of(Finding.warning(Check.NATIVE_PYTHON_MODULE, f.path(), "no module " + m.group(1) + " for " + platform + " in "
                + pkg + ": this one is tagged " + triplet + " (" + unfit.get() + "), so the import fails unless the package falls back to "
                + "pure Python; install the package in a stage of " + platform));
    }

    /**
     * A module of the same name in the same directory that this platform's Python would pick and
     * that fits: tagged with one of this architecture's triplets (glibc's or musl's), abi3, or untagged.
     */
    private static Optional<String> counterpart(RuntimeNatives natives, MergedFilesystem fs, String path, String module, String version) {
        String dir = PathNames.parent(path);
        List<String> names = new ArrayList<>();
        for (String triplet : ArchitectureNames.triplets(ArchitectureNames.of(natives.platform()))) {
            names.add(module + ".cpython-" + version + "-" + triplet + ".so");
            names.add(module + ".cpython-" + version + "-" + triplet.replace("-linux-gnu", "-linux-musl") + ".so");
        }
        names.add(module + ".abi3.so");
        names.add(module + ".so");
        for (String name : names) {
            Optional<FileFacts> f = fs.entry(PathNames.child(dir, name));
            if (f.isPresent() && natives.fits(f.get())) {
                return Optional.of(f.get().path());
            }
        }
        return Optional.empty();
    }

    private static Optional<Finding> wheel(RuntimeNatives natives, FileFacts f) {
        if (f.content() == null) {
            return Optional.empty();
        }
        List<String> platforms = new ArrayList<>();
        for (String line : f.content().split("\n")) {
            if (line.startsWith("Tag:")) {
                String tag = line.substring(4).trim();
                String[] parts = tag.split("-");
                if (parts.length == 3) {
                    platforms.addAll(List.of(parts[2].split("\\.")));
                }
            }
        }
        if (platforms.isEmpty() || platforms.stream().anyMatch(p -> p.equals("any") || fits(natives, p))) {
            return Optional.empty();
        }
        String dist = PathNames.baseName(PathNames.parent(f.path()));
        return Optional.of(Finding.warning(Check.NATIVE_PYTHON_MODULE, f.path(), dist.substring(0, dist.length() - ".dist-info".length())
                + " is another platform's build: installed from a wheel for " + String.join(", ", platforms) + ", not for "
                + natives.platform() + " with " + natives.variantLibrary().words() + "; install it in a stage of " + natives.platform()));
    }

    private static boolean fits(RuntimeNatives natives, String wheelPlatform) {
        Matcher m = WHEEL_PLATFORM.matcher(wheelPlatform);
        if (!m.matches()) {
            return false; // macosx_*, win_*: never this Linux platform
        }
        Optional<String> arch = ArchitectureNames.ofWord(m.group(2));
        CLibrary built = m.group(1).startsWith("musllinux") ? CLibrary.MUSL : m.group(1).startsWith("manylinux") ? CLibrary.GLIBC
                : CLibrary.UNKNOWN;
        return arch.isPresent() && arch.get().equals(ArchitectureNames.of(natives.platform())) && natives.variantLibrary().accepts(built);
    }
}
