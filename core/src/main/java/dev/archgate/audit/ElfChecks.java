package dev.archgate.audit;

import dev.archgate.elf.ElfExpectation;
import dev.archgate.elf.ElfMismatch;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.image.fs.ProgramChain;
import dev.archgate.image.model.ImageConfig;
import dev.archgate.platform.CpuBaseline;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Every ELF file of another architecture is judged by whether the platform can reach it (see
 * {@link Reach}): an error when it would be executed or loaded, a warning for a shared object
 * with no counterpart for the platform, and a note when it is only carried. A file of the
 * platform's architecture built for a newer CPU level (ARM attributes, the x86 ISA note, Go's
 * level settings, inline LSE atomics, a glibc loader's floor; judged against the variant's baseline or
 * hardware.cpu's) is an error only when the entrypoint's program chain runs or loads it and it
 * shows no run-time CPU dispatch of its own ({@link Reach#judgeLevel}); else a note. Every file
 * is reported with the rule that applied; each group of one severity and rule lists the first
 * {@value #MAX_LISTED} and counts the rest, so the report stays readable.
 */
final class ElfChecks {
    static final int MAX_LISTED = 20;
    private static final Pattern SHARED_LIBRARY = Pattern.compile(".*\\.so(\\.[0-9.]+)?$");

    private ElfChecks() {}

    /** @param entrypointChain what the container starts (entrypoint, interpreters, loader), as the entrypoint checks see it */
    static List<Finding> check(Platform platform, ImageConfig config, MergedFilesystem fs, PathGlobs ignored, ProgramChain entrypointChain) {
        return check(platform, config, fs, ignored, entrypointChain, CpuBaseline.of(platform));
    }

    /** @param baseline the CPU the platform's oldest machine has (the variant's, or hardware.cpu's) */
    static List<Finding> check(Platform platform, ImageConfig config, MergedFilesystem fs, PathGlobs ignored, ProgramChain entrypointChain,
                               CpuBaseline baseline) {
        ElfExpectation expected = ElfExpectation.of(platform);
        Reach reach = null;
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (FileFacts f : fs.all()) {
            if (!f.isElf() || !f.elf().isLoadable() || ignored.matches(f.path())) {
                continue;
            }
            ElfMismatch mismatch = expected.judge(f.elf(), platform, baseline).orElse(null);
            if (mismatch == null) {
                continue;
            }
            if (mismatch.kind() == ElfMismatch.Kind.ARCHITECTURE) {
                if (reach == null) {
                    reach = Reach.of(platform, config, fs, entrypointChain); // only images with a foreign file pay for it
                }
                Reach.Verdict v = reach.judge(f);
                groups.computeIfAbsent(v.severity() + " " + v.rule(), k -> new ArrayList<>())
                        .add(new Finding(Check.ELF_ARCH_MISMATCH, v.severity(), f.path(), mismatch.description() + "; " + v.reason()));
                continue;
            }
            Check check = mismatch.kind() == ElfMismatch.Kind.CPU_LEVEL ? Check.ELF_CPU_LEVEL : Check.ELF_ARM_LEVEL;
            if (f.isExecutable() || SHARED_LIBRARY.matcher(f.path()).matches()) {
                if (reach == null) {
                    reach = Reach.of(platform, config, fs, entrypointChain);
                }
                Reach.Verdict v = reach.judgeLevel(f, mismatch);
                groups.computeIfAbsent(v.severity() + " " + check.id() + " " + v.rule(), k -> new ArrayList<>())
                        .add(new Finding(check, v.severity(), f.path(), mismatch.description() + "; " + v.reason()));
            } else {
                groups.computeIfAbsent("info " + check.id(), k -> new ArrayList<>()).add(Finding.info(check, f.path(),
                        mismatch.description() + "; it is neither executable nor a library here, so it is treated as data"));
            }
        }
        List<Finding> out = new ArrayList<>();
        for (dev.archgate.findings.Severity s : dev.archgate.findings.Severity.values()) {
            groups.values().stream().filter(g -> g.get(0).severity() == s).forEach(g -> out.addAll(capped(g)));
        }
        return out;
    }

    /** The first {@value #MAX_LISTED} of one group, and a line that counts the rest. */
    static List<Finding> capped(List<Finding> findings) {
        if (findings.size() <= MAX_LISTED) {
            return findings;
        }
        List<Finding> out = new ArrayList<>(findings.subList(0, MAX_LISTED));
        Finding first = findings.get(0);
        String rule = first.message().substring(first.message().indexOf("; ") + 2);
        out.add(new Finding(first.check(), first.severity(), null, "and " + (findings.size() - MAX_LISTED)
                + " more files like these (" + findings.size() + " in all; the first: " + rule + ")"));
        return out;
    }
}
