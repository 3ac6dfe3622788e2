package dev.archgate.lint;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.Severity;
import dev.archgate.platform.Platform;
import dev.archgate.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerfileLinterTest {

    private static List<Finding> lintFixture(String name) throws IOException {
        Path file = Fixtures.repositoryRoot().resolve("test-fixtures").resolve(name).resolve("Dockerfile");
        return DockerfileLinter.lint(Dockerfile.parse("Dockerfile", Files.readString(file)));
    }

    private static List<Finding> lint(String text) {
        return DockerfileLinter.lint(Dockerfile.parse("Dockerfile", text));
    }

    @Test
    void hardCodedGoarchInTheGoarchFixtureIsAnErrorAtTheLineThatSetsIt() throws IOException {
        List<Finding> findings = lintFixture("broken-goarch");

        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.DOCKERFILE_HARDCODED_ARCH);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.path()).isEqualTo("Dockerfile:7"); // the continuation line holding GOARCH=amd64
            assertThat(f.message()).contains("GOARCH=amd64", "GOARCH=$TARGETARCH");
        });
    }

    @Test
    void aPinnedFinalStageIsAnErrorAndAPinnedBuilderThatCrossCompilesIsNot() throws IOException {
        assertThat(lintFixture("broken-from-platform")).singleElement().satisfies(f -> {
            assertThat(f.check()).isEqualTo(Check.DOCKERFILE_FROM_PLATFORM_CONSTANT);
            assertThat(f.severity()).isEqualTo(Severity.ERROR);
            assertThat(f.path()).isEqualTo("Dockerfile:2");
        });
        assertThat(lintFixture("good-static")).isEmpty();
        assertThat(lintFixture("good-script")).isEmpty();
    }

    @Test
    void aPinnedBuilderStageThatFeedsTheImageIsAWarning() {
        List<Finding> findings = lint("""
                FROM --platform=linux/amd64 golang:1.22 AS build
                RUN go build -o /app .
                FROM scratch
                COPY --from=build /app /app
                """);
        assertThat(findings).singleElement().satisfies(f -> {
            assertThat(f.severity()).isEqualTo(Severity.WARNING);
            assertThat(f.path()).isEqualTo("Dockerfile:1");
        });
    }

    @Test
    void architectureSpecificDownloadsAreFoundUnlessTheUrlUsesTheTargetArchitecture() {
        List<Finding> findings = lint("""
                FROM debian
                RUN curl -fsSL https://example.com/tool-1.2-linux-x86_64.tar.gz \\
                    | tar -xz -C /usr/local/bin
                ADD https://example.com/releases/v1/kubectl-linux-arm64 /usr/local/bin/kubectl
                RUN curl -fsSLO https://example.com/tool-linux-${TARGETARCH}.tar.gz
                ARG TARGETARCH
                RUN wget https://example.com/$(uname -m)/x86_64-free-path
                """);
        assertThat(findings).extracting(Finding::path).containsExactly("Dockerfile:2", "Dockerfile:4");
        assertThat(findings.get(0).message()).contains("x86_64", "${TARGETARCH}");
    }

    @Test
    void platformLiteralsInRunAndDefaultedTargetArgsAreFound() {
        List<Finding> findings = lint("""
                ARG TARGETARCH=amd64
                FROM python:3
                RUN pip download --platform manylinux2014_x86_64 --only-binary=:all: numpy
                RUN GOOS=linux GOARCH=$TARGETARCH go build .
                RUN GOOS=windows go build .
                """);
        assertThat(findings).extracting(f -> f.path() + " " + f.severity())
                .containsExactly("Dockerfile:1 WARNING", "Dockerfile:3 ERROR", "Dockerfile:5 ERROR");
    }

    @Test
    void heredocsAndTheEscapeDirectiveKeepLineNumbersRight() {
        List<Finding> findings = lint("""
                # escape=`
                FROM alpine
                RUN <<EOF
                echo building
                GOARCH=arm64 go build .
                EOF
                RUN echo one `
                    GOARCH=s390x
                """);
        assertThat(findings).extracting(Finding::path).containsExactly("Dockerfile:5", "Dockerfile:8");
    }

    @Test
    void aConstantNamingTheOnlyTargetArchitectureIsHarmless() throws IOException {
        Path file = Fixtures.repositoryRoot().resolve("test-fixtures/broken-goarch/Dockerfile");
        Dockerfile parsed = Dockerfile.parse("Dockerfile", Files.readString(file));

        assertThat(DockerfileLinter.lint(parsed, List.of(Platform.parse("linux/amd64")))).isEmpty();
        assertThat(DockerfileLinter.lint(parsed, List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")))).hasSize(1);
        assertThat(DockerfileLinter.lint(parsed, List.of(Platform.parse("linux/arm64")))).hasSize(1);
    }
}
