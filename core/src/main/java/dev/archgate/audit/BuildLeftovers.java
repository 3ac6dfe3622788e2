package dev.archgate.audit;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.SizeSummary;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.PathNames;
import dev.archgate.image.fs.PathSizes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What building left in the final image: compiler toolchains, build caches and package-manager
 * caches. Toolchains are recognised by the programs that make them one (an ELF executable
 * {@code bin/go} beside {@code pkg/tool}, {@code bin/javac}, {@code cc1}, {@code bin/rustc} or
 * {@code bin/cargo}), wherever they were installed; caches by the directory layout their tool
 * always writes ({@code .cache/go-build}, {@code .m2/repository}, {@code /var/lib/apt/lists}).
 */
final class BuildLeftovers {
    private static final String STAGE_ADVICE = ": build in a separate stage and COPY --from=<that stage> only the artifact into the final one";

    /** A cache: files below {@code segment} (anywhere, or only at the root when {@code rooted}) make {@code root} a leftover. */
    private record CacheMarker(Check check, String what, String segment, boolean rooted, String advice) {}

    private static final List<CacheMarker> CACHES = List.of(
            new CacheMarker(Check.POLICY_BUILD_TOOLCHAIN, "the Go build cache", "/.cache/go-build/", false,
                    ": build in another stage, or mount it (RUN --mount=type=cache,target=/root/.cache/go-build) so it never enters a layer"),
            new CacheMarker(Check.POLICY_BUILD_TOOLCHAIN, "the Go module cache", "/pkg/mod/cache/download/", false, STAGE_ADVICE),
            new CacheMarker(Check.POLICY_BUILD_TOOLCHAIN, "the Maven repository", "/.m2/repository/", false, STAGE_ADVICE),
            new CacheMarker(Check.POLICY_BUILD_TOOLCHAIN, "the Gradle cache", "/.gradle/caches/", false, STAGE_ADVICE),
            new CacheMarker(Check.POLICY_BUILD_TOOLCHAIN, "the Cargo registry", "/.cargo/registry/", false, STAGE_ADVICE),
            new CacheMarker(Check.POLICY_PACKAGE_CACHE, "apt package lists", "/var/lib/apt/lists/", true,
                    ": remove them in the RUN that installs (&& rm -rf /var/lib/apt/lists/*)"),
            new CacheMarker(Check.POLICY_PACKAGE_CACHE, "the apt package cache", "/var/cache/apt/", true,
                    ": run apt-get clean in the RUN that installs"),
            new CacheMarker(Check.POLICY_PACKAGE_CACHE, "the apk package cache", "/var/cache/apk/", true,
                    ": install with apk add --no-cache"),
            new CacheMarker(Check.POLICY_PACKAGE_CACHE, "the dnf/yum package cache", "/var/cache/dnf/", true,
                    ": run dnf clean all in the RUN that installs"),
            new CacheMarker(Check.POLICY_PACKAGE_CACHE, "the dnf/yum package cache", "/var/cache/yum/", true,
                    ": run yum clean all in the RUN that installs"),
            new CacheMarker(Check.POLICY_PACKAGE_CACHE, "the pip cache", "/.cache/pip/", false,
                    ": install with pip install --no-cache-dir"),
            new CacheMarker(Check.POLICY_PACKAGE_CACHE, "the npm cache", "/.npm/_cacache/", false,
                    ": run npm cache clean --force in the RUN that installs, or mount the cache"),
            new CacheMarker(Check.POLICY_PACKAGE_CACHE, "the yarn cache", "/.cache/yarn/", false,
                    ": run yarn cache clean in the RUN that installs, or mount the cache"));

    /** Where a toolchain was installed, and what it is in words. */
    private record Toolchain(String root, String what) {}

    /** Install prefixes shared with everything else: a toolchain found there is named by its program alone. */
    private static final java.util.Set<String> SHARED_PREFIXES = java.util.Set.of("/", "/usr", "/usr/local", "/opt");

    private BuildLeftovers() {}

    static List<Finding> check(MergedFilesystem fs, PathSizes sizes, PathGlobs ignored) {
        Map<String, String> toolchains = new LinkedHashMap<>();
        Map<String, CacheMarker> caches = new LinkedHashMap<>();
        for (FileFacts f : fs.all()) {
            if (f.type() != FileFacts.Type.FILE) {
                continue;
            }
            Toolchain t = f.isExecutable() && f.isElf() ? toolchain(f.path(), sizes) : null;
            if (t != null) {
                toolchains.putIfAbsent(t.root, t.what);
            }
            for (CacheMarker m : CACHES) {
                int at = m.rooted ? (f.path().startsWith(m.segment) ? 0 : -1) : f.path().indexOf(m.segment);
                if (at >= 0) {
                    caches.putIfAbsent(f.path().substring(0, at + m.segment.length() - 1), m);
                    break;
                }
            }
        }
        List<Finding> out = new ArrayList<>();
        toolchains.forEach((root, what) -> {
            if (!ignored.matches(root) && !insideAnother(root, toolchains.keySet())) {
                out.add(Finding.warning(Check.POLICY_BUILD_TOOLCHAIN, root, what + " at " + root + " takes "
                        + SizeSummary.human(sizes.under(root)) + " of the final image" + STAGE_ADVICE));
            }
        });
        caches.forEach((root, m) -> {
            long bytes = sizes.under(root);
            if (bytes > 0 && !ignored.matches(root) && !insideAnother(root, toolchains.keySet())) {
                out.add(Finding.warning(m.check, root, m.what + " " + root + " is left in the image (" + SizeSummary.human(bytes) + ")" + m.advice));
            }
        });
        return out;
    }

    /**
     * The toolchain an executable makes, or null. A name alone is not enough for {@code go}, a
     * common name for a launcher: Go's compiler tree must be there too.
     */
    private static Toolchain toolchain(String path, PathSizes sizes) {
        String name = PathNames.baseName(path);
        String dir = PathNames.parent(path);
        boolean inBin = PathNames.baseName(dir).equals("bin");
        String home = PathNames.parent(dir);
        String what = switch (name) {
            case "go" -> inBin && sizes.under(PathNames.child(home, "pkg/tool")) > 0 ? "a Go toolchain (bin/go and its compilers in pkg/tool)" : null;
            case "javac" -> inBin ? "a JDK (bin/javac)" : null;
            case "cc1", "cc1plus" -> "a GCC compiler (" + name + ")";
            case "rustc", "cargo" -> inBin ? "a Rust toolchain (bin/" + name + ")" : null;
            default -> null;
        };
        if (what == null) {
            return null;
        }
        String root = name.startsWith("cc1") ? dir : home;
        return new Toolchain(SHARED_PREFIXES.contains(root) ? path : root, what);
    }

    private static boolean insideAnother(String path, java.util.Collection<String> roots) {
        return roots.stream().anyMatch(r -> !r.equals(path) && (r.equals("/") || path.startsWith(r + "/")));
    }
}
