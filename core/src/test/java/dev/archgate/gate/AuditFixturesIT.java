package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixture;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture's expectation, held against the static audit of its pushed image. */
@IntegrationTest
class AuditFixturesIT {
    static Stream<Fixture> fixtures() {
        return Fixtures.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void auditFailsExactlyThePlatformsTheExpectationNamesWithItsCheckIds(Fixture fixture) throws Exception {
        Fixtures.requirePushed(fixture);
        Report report = Gate.audit(HOST, SpecDraft.empty().withImage(fixture.image()).withPlatforms(fixture.platforms()).toSpec(),
                GateListener.SILENT);

        for (Platform p : fixture.platforms()) {
            PlatformReport r = report.platforms().stream().filter(x -> x.platform().equals(p)).findFirst().orElseThrow();
            Set<String> errors = r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(f -> f.check().id())
                    .collect(Collectors.toSet());
            assertThat(errors).as("%s on %s: %s", fixture, p, r.findings().stream().map(Finding::message).toList())
                    .isEqualTo(fixture.auditErrors(p));
            assertThat(r.verdict()).isEqualTo(errors.isEmpty() ? Verdict.PASS : Verdict.FAIL);
            Set<String> warnings = r.findings().stream().filter(f -> f.severity() == Severity.WARNING).map(f -> f.check().id())
                    .collect(Collectors.toSet());
            Set<String> expected = fixture.auditWarnings(p);
            String seen = "warnings of " + fixture + " on " + p + ": " + r.findings().stream().map(Finding::message).toList();
            assertThat(warnings.stream().filter(id -> id.startsWith("elf.")).collect(Collectors.toSet())).as(seen)
                    .isEqualTo(expected.stream().filter(id -> id.startsWith("elf.")).collect(Collectors.toSet()));
            if (fixture.listsOtherWarnings()) {
                assertThat(warnings).as(seen).isEqualTo(expected);
            }
            boolean offered = r.findings().stream().noneMatch(f -> f.check().id().equals("platform.missing"));
            assertThat(r.size() != null).as("size figures of %s on %s", fixture, p).isEqualTo(offered);
        }
        assertThat(report.digest()).startsWith("sha256:");
    }
}
