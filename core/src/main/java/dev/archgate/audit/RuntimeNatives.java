package dev.archgate.audit;

import dev.archgate.elf.ElfExpectation;
import dev.archgate.elf.ElfMismatch;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Native code a language runtime loads at run time, long after the container started healthy:
 * Python extension modules ({@link PythonModules}), Node add-ons ({@link NodeAddons}) and JNI
 * libraries inside jars ({@link JarNatives}). Each is judged as its own loader would choose on
 * this platform, and the severity says how sure that is: an error where the loader's own layout
 * picks a file of another architecture or C library, a warning where the package has no file for
 * this platform at all, a note where a counterpart for this platform is there. One pass over the
 * variant's files; the facts come from the single read of the layers (a jar's directory is read
 * from its last bytes as the layer streams).
 */
final class RuntimeNatives {
    private final Platform platform;
    private final CLibrary variantLibrary;

    private RuntimeNatives(Platform platform, CLibrary variantLibrary) {
        this.platform = platform;
        this.variantLibrary = variantLibrary;
    }

    /**
     * What the natives checks found, and every file they judged (also those the count of a long
     * group stands for), whose generic {@code elf.arch-mismatch} finding they replace.
     */
    record Result(List<Finding> findings, Set<String> judged) {}

    /** The findings, in the order Python, Node, jars. */
    static Result check(Platform platform, MergedFilesystem fs, PathGlobs ignored) {
        CLibrary.Seen seen = new CLibrary.Seen();
        List<FileFacts> python = new ArrayList<>();
        List<FileFacts> node = new ArrayList<>();
        List<FileFacts> jars = new ArrayList<>();
        for (FileFacts f : fs.all()) {
            seen.add(f);
            if (f.type() != FileFacts.Type.FILE || ignored.matches(f.path())) {
                continue;
            }
            if (f.jar() != null) {
                jars.add(f);
            } else if (PythonModules.concerns(f)) {
                python.add(f);
            } else if (NodeAddons.concerns(f)) {
                node.add(f);
            }
        }
        RuntimeNatives natives = new RuntimeNatives(platform, seen.variant());
        List<Finding> all = new ArrayList<>(PythonModules.check(natives, fs, python));
        all.addAll(NodeAddons.check(natives, fs, node));
        all.addAll(JarNatives.check(natives, jars));
        return new Result(capped(all), all.stream().map(Finding::path).collect(Collectors.toSet()));
    }

    /**
     * Per check and severity the first {@value ElfChecks#MAX_LISTED} findings and a count of the
     * rest: a virtualenv copied from another platform's stage holds hundreds of modules.
     */
    private static List<Finding> capped(List<Finding> all) {
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        all.forEach(f -> groups.computeIfAbsent(f.check().id() + " " + f.severity(), k -> new ArrayList<>()).add(f));
        List<Finding> out = new ArrayList<>();
        for (List<Finding> g : groups.values()) {
            out.addAll(g.subList(0, Math.min(g.size(), ElfChecks.MAX_LISTED)));
            if (g.size() > ElfChecks.MAX_LISTED) {
                Finding first = g.get(0);
                out.add(new Finding(first.check(), first.severity(), null, "and " + (g.size() - ElfChecks.MAX_LISTED)
                        + " more files like these (" + g.size() + " in all)"));
            }
        }
        return out;
    }

    Platform platform() {
        return platform;
    }

    CLibrary variantLibrary() {
        return variantLibrary;
    }

    /**
     * Why an ELF file's code cannot load here (another architecture, or another C library than
     * the variant's), empty when it can or when it is no ELF file.
     */
    Optional<String> unfit(FileFacts f) {
        if (!f.isElf()) {
            return Optional.empty();
        }
        Optional<ElfMismatch> m = ElfExpectation.of(platform).judge(f.elf(), platform).filter(x -> x.kind() == ElfMismatch.Kind.ARCHITECTURE);
        if (m.isPresent()) {
            return Optional.of(m.get().description());
        }
        CLibrary built = CLibrary.of(f.elf());
        if (!variantLibrary.accepts(built)) {
            return Optional.of("code built on " + built.words() + ", but this " + platform + " variant's C library is "
                    + variantLibrary.words());
        }
        return Optional.empty();
    }

    /** A native file of this platform: ELF, loadable here, of a C library the variant has. */
    boolean fits(FileFacts f) {
        return f.isElf() && unfit(f).isEmpty();
    }
}
