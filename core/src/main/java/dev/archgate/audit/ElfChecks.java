package dev.archgate.audit;

import dev.archgate.image.FileFacts;
import dev.archgate.image.MergedFilesystem;
import dev.archgate.platform.ElfExpectation;
import dev.archgate.platform.ElfMismatch;
import dev.archgate.platform.Platform;
import dev.archgate.report.Check;
import dev.archgate.report.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Every ELF file the platform would execute or load (a file with an exec bit, a shared library)
 * must be code for that platform; a foreign ELF file that is plain data elsewhere is only noted.
 * A platform with thousands of foreign files gets the first {@value #MAX_LISTED} named and a
 * count, so the report stays readable.
 */
final class ElfChecks {
    static final int MAX_LISTED = 20;
    private static final Pattern SHARED_LIBRARY = Pattern.compile(".*\\.so(\\.[0-9.]+)?$");

    private ElfChecks() {}

    static List<Finding> check(Platform platform, MergedFilesystem fs, PathGlobs ignored) {
        ElfExpectation expected = ElfExpectation.of(platform);
        List<Finding> errors = new ArrayList<>();
        List<Finding> notes = new ArrayList<>();
        for (FileFacts f : fs.all()) {
            if (!f.isElf() || !f.elf().isLoadable() || ignored.matches(f.path())) {
                continue;
            }
            ElfMismatch mismatch = expected.judge(f.elf(), platform).orElse(null);
            if (mismatch == null) {
                continue;
            }
            Check check = switch (mismatch.kind()) {
                case ARCHITECTURE -> Check.ELF_ARCH_MISMATCH;
                case ARM_LEVEL -> Check.ELF_ARM_LEVEL;
                case CPU_LEVEL -> Check.ELF_CPU_LEVEL;
            };
            if (executed(f)) {
                errors.add(Finding.error(check, f.path(), mismatch.description()));
            } else {
                notes.add(Finding.info(check, f.path(), mismatch.description() + "; it is neither executable nor a library here, so "
                        + "it is treated as data"));
            }
        }
        List<Finding> out = new ArrayList<>(capped(errors));
        out.addAll(capped(notes));
        return out;
    }

    static boolean executed(FileFacts f) {
        return f.isExecutable() || SHARED_LIBRARY.matcher(f.path()).matches();
    }

    private static List<Finding> capped(List<Finding> findings) {
        if (findings.size() <= MAX_LISTED) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.subList(0, MAX_LISTED));
        Finding first = findings.get(0);
        out.add(new Finding(first.check(), first.severity(), null,
                "and " + (findings.size() - MAX_LISTED) + " more files like these (" + findings.size() + " in all)"));
        return out;
    }
}
