package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixture;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every fixture's smoke expectation, held against strict smoke runs on the real engine. */
@IntegrationTest
class SmokeFixturesIT {
    static Stream<Fixture> fixtures() {
        return Fixtures.all().stream();
    }

    static SmokeTest testOf(Fixture f) {
        if (f.serviceReadySeconds() > 0) {
            return new SmokeTest("serves", SmokeTest.Mode.SERVICE, List.of(), 0, "", "", Duration.ofSeconds(60),
                    Duration.ofSeconds(f.serviceReadySeconds()));
        }
        SmokeTest.Mode mode = f.smokeCommand().isEmpty() && f.stdout().isEmpty() ? SmokeTest.Mode.START : SmokeTest.Mode.COMMAND;
        return new SmokeTest("runs", mode, f.smokeCommand(), 0, f.stdout(), "", Duration.ofSeconds(60), Duration.ofSeconds(5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void strictSmokeFailsExactlyThePlatformsTheExpectationNames(Fixture fixture) throws Exception {
        Fixtures.requirePushed(fixture);
        Report report = Gate.smoke(HOST, SpecDraft.empty().withImage(fixture.image()).withPlatforms(fixture.platforms())
                .withSmoke(List.of(testOf(fixture))).toSpec(), GateListener.SILENT);

        for (Platform p : fixture.platforms()) {
            PlatformReport r = report.platforms().stream().filter(x -> x.platform().equals(p)).findFirst().orElseThrow();
            Set<String> errors = Stream.concat(
                            r.findings().stream().filter(f -> f.severity() == Severity.ERROR).map(f -> f.check().id()),
                            r.smoke().stream().filter(s -> !s.passed()).map(s -> s.outcome().id()))
                    .collect(Collectors.toSet());
            assertThat(errors).as("%s on %s: %s %s", fixture, p, r.findings().stream().map(Finding::message).toList(), r.smoke())
                    .isEqualTo(fixture.smokeErrors(p));
            if (fixture.smokeErrors(p).isEmpty()) {
                // A good platform passes only with its one test run: no result is "not checked", never a pass.
                assertThat(r.smoke()).as("%s on %s", fixture, p).hasSize(1);
                assertThat(r.verdict()).as("%s on %s: %s", fixture, p, r.findings()).isEqualTo(Verdict.PASS);
            } else {
                assertThat(r.verdict()).as("%s on %s", fixture, p).isEqualTo(Verdict.FAIL);
            }
        }
    }
}
