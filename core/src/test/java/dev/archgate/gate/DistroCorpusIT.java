package dev.archgate.gate;

import static dev.archgate.testing.TestHost.HOST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import dev.archgate.spec.GateSpec;
import dev.archgate.spec.SmokeTest;
import dev.archgate.spec.SpecDraft;
import dev.archgate.testing.Fixtures;
import dev.archgate.testing.IntegrationTest;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The precision corpus: real Debian root filesystems of every line of test-fixtures/corpus/images.tsv
 * (pushed by test-fixtures/corpus/build) are good images by construction: Debian ships them for
 * those architectures and they run there. Each is audited, smoke-tested under strict emulation (its
 * own command, on each platform's baseline CPU model) and gated; any error finding or failure on any
 * platform is a false failure of archgate's.
 */
@IntegrationTest
class DistroCorpusIT {
    enum Mode { AUDIT, SMOKE, GATE }

    record CorpusImage(String name, String suite, List<Platform> platforms, String packages) {
        String ref() {
            return "127.0.0.1:5000/archgate/corpus/" + name + ":latest";
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<CorpusImage> images() throws IOException {
        List<CorpusImage> out = new ArrayList<>();
        for (String line : Files.readAllLines(Fixtures.repositoryRoot().resolve("test-fixtures/corpus/images.tsv"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t");
            out.add(new CorpusImage(f[0], f[1], Stream.of(f[2].split(",")).map(Platform::parse).toList(), f[3]));
        }
        return out;
    }

    static Stream<Arguments> runs() throws IOException {
        return images().stream().flatMap(i -> Stream.of(Mode.values()).map(m -> Arguments.of(i, m)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("runs")
    void aRealDebianImageHasNoErrorAndNoFailureOnAnyPlatform(CorpusImage image, Mode mode) throws Exception {
        Fixtures.requireInRegistry(image.ref(), "test-fixtures/corpus/build");
        // The image's own command (/bin/sh -c ...), run to its end: exit status 0 wanted.
        SmokeTest runs = new SmokeTest("runs", SmokeTest.Mode.COMMAND, List.of(), 0, "", "", Duration.ofSeconds(300), Duration.ofSeconds(5));
        GateSpec spec = SpecDraft.empty().withImage(image.ref()).withPlatforms(image.platforms()).withSmoke(List.of(runs)).toSpec();
        Report report = switch (mode) {
            case AUDIT -> Gate.audit(HOST, spec, GateListener.SILENT);
            case SMOKE -> Gate.smoke(HOST, spec, GateListener.SILENT);
            case GATE -> Gate.run(HOST, spec, GateListener.SILENT);
        };
        for (Platform p : image.platforms()) {
            PlatformReport r = report.platforms().stream().filter(x -> x.platform().equals(p)).findFirst().orElseThrow();
            List<String> errors = r.findings().stream().filter(f -> f.severity() == Severity.ERROR)
                    .map(f -> f.check().id() + " " + f.path() + ": " + f.message()).toList();
            assertThat(errors).as("%s %s on %s", image, mode, p).isEmpty();
            assertThat(r.smoke().stream().filter(s -> !s.passed()).toList()).as("%s %s on %s", image, mode, p).isEmpty();
            if (mode != Mode.AUDIT) {
                assertThat(r.smoke()).as("%s %s on %s: one smoke run", image, mode, p).hasSize(1);
            }
            assertThat(r.verdict()).as("%s %s on %s: %s", image, mode, p, r.findings().stream().map(Finding::message).toList())
                    .isEqualTo(Verdict.PASS);
        }
        assertThat(report.verdict()).isEqualTo(Verdict.PASS);
    }
}
