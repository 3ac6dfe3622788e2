package dev.archgate.audit;

import dev.archgate.elf.ElfExpectation;
import dev.archgate.elf.HardwareFacts;
import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.Severity;
import dev.archgate.image.fs.FileFacts;
import dev.archgate.image.fs.MergedFilesystem;
import dev.archgate.platform.Platform;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code elf.page-size}: the platform's ELF files must load under the page size of its kernels, and a
 * jemalloc in them must be built for at least that size. A kernel with larger pages refuses a program
 * whose segments are laid out for smaller ones (binfmt_elf.c), glibc's loader refuses such a library
 * ("ELF load command address/offset not page-aligned"), and jemalloc aborts at start ("&lt;jemalloc&gt;:
 * Unsupported system page size"). QEMU's user mode runs every guest on the host's 4 KiB pages (see
 * README), so no emulated smoke run shows it. Rules, unless {@code hardware.page-size} names the
 * platform's page size (then anything below it is an error):
 * <ul>
 * <li>linux/ppc64le: an error below 64 KiB: its kernels (RHEL, SUSE, Debian, Ubuntu) use 64 KiB pages;</li>
 * <li>linux/arm64: a warning below 64 KiB, naming the hosts that refuse the file: 16 KiB kernels
 *     (Raspberry Pi 5's default kernel, Asahi Linux on Apple silicon) and 64 KiB ones (NVIDIA Grace,
 *     RHEL's kernel-64k, Ampere hosts so configured); most arm64 hosts run 4 KiB kernels;</li>
 * <li>other platforms: nothing (their kernels use 4 KiB pages, or archgate reads no layout for them).</li>
 * </ul>
 * Files that are neither executable nor shared libraries are data and only noted. A jemalloc whose
 * page size could not be read is noted too: precision matters more here than recall.
 */
final class PageSizeChecks {
    private static final java.util.regex.Pattern SHARED_LIBRARY = java.util.regex.Pattern.compile(".*\\.so(\\.[0-9.]+)?$");

    private PageSizeChecks() {}

    /** @param required hardware.page-size for the platform, null for the default rules */
    static List<Finding> check(Platform platform, MergedFilesystem fs, PathGlobs ignored, Long required) {
        long page = required != null ? required : switch (platform.architecture()) {
            case "ppc64le", "arm64" -> 65536L;
            default -> 0L;
        };
        if (page == 0) {
            return List.of();
        }
        Severity severity = required != null || platform.architecture().equals("ppc64le") ? Severity.ERROR : Severity.WARNING;
        int machine = ElfExpectation.of(platform).machine();
        Map<String, List<Finding>> groups = new LinkedHashMap<>();
        for (FileFacts f : fs.all()) {
            if (!f.isElf() || !f.elf().isLoadable() || f.elf().machine() != machine || ignored.matches(f.path())) {
                continue;
            }
            HardwareFacts h = f.elf().hardware();
            boolean code = f.isExecutable() || SHARED_LIBRARY.matcher(f.path()).matches();
            if (h.pageLimit() != 0 && h.pageLimit() < page) {
                String what = "its segments are laid out for pages of at most " + kib(h.pageLimit()) + " (PT_LOAD address and offset), so "
                        + refusers(platform, h.pageLimit(), page, required != null) + "; link it with -Wl,-z,max-page-size=" + page;
                add(groups, code ? severity : Severity.INFO, f.path(), code ? what : what + "; it is neither executable nor a library here");
            } else if (h.jemallocPage() != null && h.jemallocPage() != 0 && h.jemallocPage() < page) {
                add(groups, code ? severity : Severity.INFO, f.path(), "its jemalloc is built for " + kib(h.jemallocPage()) + " pages, so it "
                        + "aborts with \"<jemalloc>: Unsupported system page size\" where " + refusers(platform, h.jemallocPage(), page,
                        required != null).replace(" refuse to load it", "") + "; build jemalloc with --with-lg-page="
                        + Long.numberOfTrailingZeros(page) + " (tikv-jemalloc-sys: JEMALLOC_SYS_WITH_LG_PAGE=" + Long.numberOfTrailingZeros(page) + ")");
            } else if (h.jemallocPage() != null && h.jemallocPage() == 0) {
                add(groups, Severity.INFO, f.path(), "it carries jemalloc, whose page size could not be read from its code; jemalloc aborts "
                        + "where the kernel's pages are larger than the ones it was built for");
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Severity s : Severity.values()) {
            groups.values().stream().filter(g -> g.get(0).severity() == s).forEach(g -> out.addAll(ElfChecks.capped(g)));
        }
        return out;
    }

    private static void add(Map<String, List<Finding>> groups, Severity severity, String path, String message) {
        groups.computeIfAbsent(severity + " " + message.substring(0, message.indexOf(','))
                , k -> new ArrayList<>()).add(new Finding(Check.ELF_PAGE_SIZE, severity, path, message));
    }

    /** Which kernels refuse a file that fits pages of {@code limit}, in words. */
    private static String refusers(Platform platform, long limit, long page, boolean declared) {
        if (declared) {
            return platform + "'s kernels (" + kib(page) + " pages, hardware.page-size) refuse to load it";
        }
        if (platform.architecture().equals("ppc64le")) {
            return "ppc64le kernels, which use 64 KiB pages (RHEL, SUSE, Debian, Ubuntu), refuse to load it";
        }
        return (limit < 16384 ? "arm64 kernels with 16 KiB pages (Raspberry Pi 5's default kernel, Asahi Linux on Apple silicon) and " : "")
                + "arm64 kernels with 64 KiB pages (NVIDIA Grace, RHEL's kernel-64k, Ampere hosts so configured) refuse to load it";
    }

    private static String kib(long bytes) {
        return bytes / 1024 + " KiB";
    }
}
