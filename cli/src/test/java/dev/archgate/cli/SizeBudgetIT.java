package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code archgate audit --size-budget} on a fixture whose variant weighs about 24 MB compressed
 * (random bytes do not compress): over a 10 MiB budget it fails naming the size, under a larger
 * one it passes, and the report carries the same figures.
 */
@IntegrationTest
class SizeBudgetIT {
    private static final String IMAGE = Fixtures.named("policy-wasted-bytes").image();

    @Test
    void aVariantOverTheBudgetFailsWithItsSizeAndOneUnderItPasses(@TempDir Path reports) throws Exception {
        CliRun over = CliRun.of("audit", IMAGE, "--platforms", "linux/amd64", "--size-budget", "10MiB", "--report-dir", reports.toString());
        assertThat(over.status()).as(over.out() + over.err()).isEqualTo(1);
        assertThat(over.out()).contains("policy.size-budget").containsPattern("is 2\\d\\.\\d MiB compressed").contains("over the size budget of 10.0 MiB");

        JsonObject platform = JsonParser.parseString(Files.readString(reports.resolve("report.json"))).getAsJsonObject()
                .getAsJsonArray("platforms").get(0).getAsJsonObject();
        JsonObject size = platform.getAsJsonObject("size");
        assertThat(size.get("compressedBytes").getAsLong()).isBetween(24_000_000L, 30_000_000L);
        // The 24 MB file and its hard link were deleted by the next layer: wasted once, not twice.
        assertThat(size.get("wastedBytes").getAsLong()).isEqualTo(24_000_000L);
        assertThat(size.get("unpackedBytes").getAsLong()).isGreaterThan(24_000_000L).isLessThan(48_000_000L);
        assertThat(Files.readString(reports.resolve("summary.md"))).contains("| platform | compressed | unpacked | wasted | largest paths |");

        CliRun under = CliRun.of("audit", IMAGE, "--platforms", "linux/amd64", "--size-budget", "100MiB");
        assertThat(under.status()).as(under.out() + under.err()).isZero();
        assertThat(under.out()).doesNotContain("policy.size-budget");
    }

    @Test
    void aSizeThatIsNotOneIsBadUsage() {
        CliRun run = CliRun.of("audit", IMAGE, "--platforms", "linux/amd64", "--size-budget", "ten megs");
        assertThat(run.status()).isEqualTo(2);
        assertThat(run.err()).contains("--size-budget is 'ten megs': write a size such as 150MiB");
    }
}
