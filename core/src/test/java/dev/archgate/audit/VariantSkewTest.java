package dev.archgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Finding;
import dev.archgate.platform.Platform;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A variant more than twice the median of the others is named, with the paths it has more of. */
class VariantSkewTest {
    private static final long MIB = 1024 * 1024;

    private static VariantSkew.Variant v(String platform, long compressed, Map<String, Long> shallow) {
        return new VariantSkew.Variant(Platform.parse(platform), compressed, shallow);
    }

    @Test
    void theHeavyVariantIsWarnedAboutWithWhatMakesTheDifference() {
        Map<Platform, List<Finding>> out = VariantSkew.check(List.of(
                v("linux/amd64", 3 * MIB, Map.of("/app", 5 * MIB, "/usr/lib/x86_64-linux-gnu", 2 * MIB)),
                v("linux/arm64", 14 * MIB, Map.of("/app", 5 * MIB, "/usr/local/go", 30 * MIB, "/root/.cache/go-build", 4 * MIB)),
                v("linux/arm/v7", 3 * MIB + 100_000, Map.of("/app", 5 * MIB - 10))));

        assertThat(out).containsOnlyKeys(Platform.parse("linux/arm64"));
        Finding f = out.get(Platform.parse("linux/arm64")).get(0);
        assertThat(f.check().id()).isEqualTo("policy.size-budget");
        assertThat(f.message()).contains("14.0 MiB").contains("4.6 times").contains("/usr/local/go +30.0 MiB, /root/.cache/go-build +4.0 MiB")
                .doesNotContain("/app");
    }

    @Test
    void similarVariantsASingleVariantAndSmallAbsoluteDifferencesAreQuiet() {
        assertThat(VariantSkew.check(List.of(v("linux/amd64", 10 * MIB, Map.of()), v("linux/arm64", 19 * MIB, Map.of())))).isEmpty();
        assertThat(VariantSkew.check(List.of(v("linux/amd64", 100 * MIB, Map.of())))).isEmpty();
        assertThat(VariantSkew.check(List.of(v("linux/amd64", 200_000, Map.of()), v("linux/arm64", 900_000, Map.of())))).isEmpty();
    }

    private static VariantSkew.Variant chain(String platform, Map<String, ChainFile> files) {
        return new VariantSkew.Variant(Platform.parse(platform), MIB, Map.of(), files);
    }

    private static final ChainFile SCRIPT = new ChainFile("script", 41, true, "#!/bin/sh");
    private static final ChainFile EMPTY = new ChainFile("script", 0, true, null);

    /**
     * The kernel refuses an empty file with ENOEXEC ("exec format error", fs/exec.c finds no binfmt
     * for it), so the variant whose entrypoint script is empty is the one that fails; the others are quiet.
     */
    @Test
    void theOneVariantWhoseEntrypointIsEmptyIsAnErrorNamingTheOthers() {
        Map<Platform, List<Finding>> out = VariantSkew.check(List.of(chain("linux/amd64", Map.of("/entrypoint.sh", SCRIPT)),
                chain("linux/arm64", Map.of("/entrypoint.sh", EMPTY)), chain("linux/arm/v7", Map.of("/entrypoint.sh", SCRIPT))));
        assertThat(out).containsOnlyKeys(Platform.parse("linux/arm64"));
        Finding f = out.get(Platform.parse("linux/arm64")).get(0);
        assertThat(f.check().id()).isEqualTo("variant.differs");
        assertThat(f.severity()).isEqualTo(dev.archgate.findings.Severity.ERROR);
        assertThat(f.message()).isEqualTo("/entrypoint.sh, on the entrypoint's program chain, is an empty file (0 bytes) in linux/arm64 but "
                + "a script (#!/bin/sh) of 41 bytes in linux/amd64 and linux/arm/v7: this platform alone fails to start; make the platform-specific step "
                + "that writes it produce the same file");
    }

    @Test
    void missingNotExecutableAndAnotherKindAreErrorsOnlyWhereTheyDiffer() {
        ChainFile elf = new ChainFile("ELF", 900_000, true, null);
        Map<Platform, List<Finding>> out = VariantSkew.check(List.of(
                chain("linux/amd64", Map.of("/app", elf, "/run.sh", SCRIPT, "/bin/tool", elf)),
                chain("linux/arm64", Map.of("/app", ChainFile.MISSING, "/run.sh", new ChainFile("script", 41, false, "#!/bin/sh"),
                        "/bin/tool", elf)),
                chain("linux/s390x", Map.of("/app", elf, "/run.sh", SCRIPT, "/bin/tool", SCRIPT))));
        List<Finding> arm64 = out.get(Platform.parse("linux/arm64")).stream().filter(f -> f.severity() == dev.archgate.findings.Severity.ERROR)
                .toList();
        assertThat(arm64).extracting(Finding::path).containsExactly("/app", "/run.sh");
        assertThat(arm64.get(1).message()).contains("a script (#!/bin/sh) of 41 bytes without an exec bit");
        assertThat(out.get(Platform.parse("linux/s390x"))).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(dev.archgate.findings.Severity.ERROR);
            assertThat(f.path()).isEqualTo("/bin/tool");
            assertThat(f.message()).contains("a script (#!/bin/sh) of 41 bytes in linux/s390x but an ELF file of 900000 bytes in linux/amd64");
        });
        // amd64's ELF /bin/tool beside s390x's script is only a size difference there: info.
        assertThat(out.get(Platform.parse("linux/amd64"))).allMatch(f -> f.severity() == dev.archgate.findings.Severity.INFO);
    }

    @Test
    void aDifferentInterpreterLineIsInfoAndSameFilesAreQuiet() {
        assertThat(VariantSkew.check(List.of(chain("linux/amd64", Map.of("/e", SCRIPT)), chain("linux/arm64", Map.of("/e", SCRIPT))))).isEmpty();
        Map<Platform, List<Finding>> out = VariantSkew.check(List.of(chain("linux/amd64", Map.of("/e", SCRIPT)),
                chain("linux/arm64", Map.of("/e", new ChainFile("script", 43, true, "#!/bin/bash")))));
        assertThat(out.values()).allSatisfy(l -> assertThat(l).allMatch(f -> f.severity() == dev.archgate.findings.Severity.INFO));
    }
}
