package dev.archgate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.SmokeOutcome;
import dev.archgate.findings.SmokeResult;
import dev.archgate.findings.Verdict;
import dev.archgate.platform.Platform;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The live view's model, fed the gate's events as a real run gives them. Source of truth: the log lines below are
 * what {@code archgate gate --context . --platforms linux/amd64,linux/arm64,linux/arm/v7 --progress=plain} printed
 * on this machine for the good-static fixture's Dockerfile (cross-compiled: buildx names the arm steps
 * {@code linux/amd64->arm64}); the failure's lines are those core's BuildProgress writes for a failed vertex.
 */
class LiveBoardTest {
    private static final List<Platform> PLATFORMS = List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64"),
            Platform.parse("linux/arm/v7"));
    private static final long S = 1_000_000_000L;
    private static final String BUILD = """
            building 3 platforms with docker buildx
            # [internal] load build definition from Dockerfile
            # [linux/amd64 internal] load metadata for 127.0.0.1:5000/archgate/bases/go:1.19
            # [internal] load .dockerignore
            # [linux/amd64 build 1/4] FROM 127.0.0.1:5000/archgate/bases/go:1.19@sha256:91921e65dde2633b33558db5253449a1ec85783889bb363961df9eb34510a4f8
            # [internal] load build context
            # [linux/amd64 build 2/4] WORKDIR /src
            # [linux/amd64 build 3/4] COPY hello/ .
            # [linux/amd64->arm/v7 build 4/4] RUN --mount=type=cache,target=/root/.cache/go-build     CGO_ENABLED=0 GOOS=linux GOARCH=arm GOARM=7 go build -trimpath -ldflags=-s -o /out/app .
            # [linux/amd64->arm64 build 4/4] RUN --mount=type=cache,target=/root/.cache/go-build     CGO_ENABLED=0 GOOS=linux GOARCH=arm64 GOARM= go build -trimpath -ldflags=-s -o /out/app .
            """;

    @Test
    void eachPlatformHasOneLineWithItsStageTimeAndStepAndTheHeaderSumsUpTheBuild() {
        LiveBoard board = new LiveBoard(PLATFORMS, 0);
        for (String line : BUILD.split("\n")) {
            assertThat(board.log(line, 2 * S)).as("build progress is folded: " + line).isEmpty();
        }
        List<String> view = board.lines(5 * S, 300);

        assertThat(view).hasSize(4);
        assertThat(view.get(0)).isEqualTo("[+] archgate gate 5.0s  build: 9 steps, latest [linux/amd64->arm64 build 4/4] RUN "
                + "--mount=type=cache,target=/root/.cache/go-build CGO_ENABLED=0 GOOS=linux GOARCH=arm64 GOARM= go build -trimpath -ldflags=-s -o /out/app .");
        assertThat(view.get(1)).startsWith(" => linux/amd64   building    3.0s  build 3/4 COPY hello/ .");
        assertThat(view.get(2)).startsWith(" => linux/arm64   building    3.0s  build 4/4 RUN --mount=type=cache");
        assertThat(view.get(3)).startsWith(" => linux/arm/v7  building    3.0s  build 4/4 RUN --mount=type=cache").contains("GOARCH=arm GOARM=7");
        assertThat(board.lines(5 * S, 60)).allSatisfy(l -> assertThat(l).hasSizeLessThan(60)).element(1)
                .isEqualTo(" => linux/amd64   building    3.0s  build 3/4 COPY hello/ .");
    }

    @Test
    void checksThenVerdictsReplaceTheBuildAndTheTimeStopsAtTheVerdict() {
        LiveBoard board = new LiveBoard(PLATFORMS, 0);
        BUILD.lines().forEach(l -> board.log(l, S));
        board.log("# exporting to image", 9 * S);
        assertThat(board.log("resolving docker-daemon:archgate.local/build:2e01901b-de3", 10 * S)).isEmpty();
        PLATFORMS.forEach(p -> board.started(p, 10 * S));
        board.finished(new PlatformReport(PLATFORMS.get(1), Verdict.PASS, null, List.of(),
                List.of(new SmokeResult("starts", 0, SmokeOutcome.PASSED, 1389, "")), null), 12 * S);

        List<String> view = board.lines(13 * S, 200);
        assertThat(view.get(0)).isEqualTo("[+] archgate gate 13.0s  checks: 1/3 platforms done");
        assertThat(view.get(1)).isEqualTo(" => linux/amd64   checking   12.0s  static audit and smoke runs");
        assertThat(view.get(2)).isEqualTo(" => linux/arm64   PASS       11.0s  smoke 1389 ms");
        assertThat(board.lines(20 * S, 200).get(2)).as("a finished platform's time stands still").isEqualTo(view.get(2));
    }

    @Test
    void aFailedStepBringsOutTheBuildsLatestOutputAndOtherLinesAreKeptAboveTheView() {
        LiveBoard board = new LiveBoard(List.of(Platform.parse("linux/amd64"), Platform.parse("linux/arm64")), 0);
        board.log("# [linux/arm64 2/3] RUN echo \"preparing the engine download\"", S);
        assertThat(board.log("  preparing the engine download", S)).isEmpty();
        board.log("# [linux/arm64 3/3] RUN case \"$(uname -m)\" in x86_64) echo \"engine-x86_64 fetched\";; *) echo ...", S);
        assertThat(board.log("  no engine build for aarch64", S)).isEmpty();

        List<String> kept = board.log("# [linux/arm64 3/3] RUN case \"$(uname -m)\" in x86_64) echo \"engine-x86_64 fetched\";; *) echo ...: "
                + "ERROR: process \"/bin/sh -c case ...\" did not complete successfully: exit code: 1", 2 * S);
        assertThat(kept).containsExactly("failed: [linux/arm64 3/3] RUN case \"$(uname -m)\" in x86_64) echo \"engine-x86_64 fetched\";; *) echo ...",
                "  preparing the engine download", "  no engine build for aarch64",
                "  ERROR: process \"/bin/sh -c case ...\" did not complete successfully: exit code: 1");
        assertThat(board.log("build warning: FromPlatformFlagConstDisallowed", 2 * S)).containsExactly("build warning: FromPlatformFlagConstDisallowed");
        assertThat(board.log("promoted 127.0.0.1:5000/app@sha256:6b3e to 127.0.0.1:5000/app:1.0.0", 3 * S)).hasSize(1);
    }
}
