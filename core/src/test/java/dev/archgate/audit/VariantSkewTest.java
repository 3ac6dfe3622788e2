package dev.archgate.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.platform.Platform;
import dev.archgate.report.Finding;
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
}
