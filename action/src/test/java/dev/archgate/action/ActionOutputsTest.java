package dev.archgate.action;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.host.Host;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the step writes for GitHub: outputs, the job summary, masks. */
class ActionOutputsTest {
    @TempDir
    Path dir;

    @Test
    void oneLineValuesAreNameEqualsValue() {
        assertThat(OutputFile.encode("result", "pass")).isEqualTo("result=pass\n");
        assertThat(OutputFile.encode("digest", "")).isEqualTo("digest=\n");
    }

    @Test
    void multiLineValuesUseAFreshDelimiterThatTheValueDoesNotHold() {
        String value = "line one\nEOF\nghadelimiter_x\nline four";
        String encoded = OutputFile.encode("report", value);
        Matcher m = Pattern.compile("report<<(\\S+)\n(.*)\n\\1\n", Pattern.DOTALL).matcher(encoded);
        assertThat(m.matches()).isTrue();
        assertThat(m.group(2)).isEqualTo(value);
        assertThat(value).doesNotContain(m.group(1));
        assertThat(OutputFile.encode("report", value)).isNotEqualTo(encoded);
    }

    @Test
    void outputsAreAppendedToWhatEarlierStepsWrote() throws Exception {
        Path file = dir.resolve("output");
        Files.writeString(file, "earlier=1\n");
        Map<String, String> outputs = new LinkedHashMap<>();
        outputs.put("result", "fail");
        outputs.put("failed-platforms", "linux/arm64");
        OutputFile.append(file, outputs);
        assertThat(Files.readString(file)).isEqualTo("earlier=1\nresult=fail\nfailed-platforms=linux/arm64\n");
    }

    @Test
    void aSummaryUnderTheLimitIsKeptWhole() {
        assertThat(StepSummary.fit("# archgate\n| a | b |\n", "archgate-report/summary.md", 100)).isEqualTo("# archgate\n| a | b |\n");
    }

    @Test
    void aLongSummaryIsCutAtALineEndBelowTheLimitAndSaysWhereTheFullReportIs() {
        StringBuilder md = new StringBuilder("# archgate\n");
        for (int i = 0; md.length() < 3 * 1024 * 1024; i++) {
            md.append("| linux/arm64 | `/usr/lib/file-").append(i).append("` | elf.arch-mismatch | x86-64 code — für arm64 |\n");
        }
        String cut = StepSummary.fit(md.toString(), "archgate-report/summary.md", StepSummary.LIMIT);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(StepSummary.LIMIT);
        assertThat(cut.getBytes(StandardCharsets.UTF_8).length).isGreaterThan(StepSummary.LIMIT - 1024);
        assertThat(cut).endsWith("the full report is archgate-report/summary.md.**\n");
        String body = cut.substring(0, cut.indexOf("**Summary cut")).stripTrailing();
        assertThat(md.toString().startsWith(body + "\n")).as("the cut keeps the first lines whole").isTrue();
        assertThat(body.lines().skip(1)).allMatch(l -> l.startsWith("| linux/arm64 |") && l.endsWith("|"));
    }

    @Test
    void thePasswordIsMaskedBeforeAnythingElseAndWrittenNowhere() throws Exception {
        String password = "s3cr%t\npart-two";
        Path output = dir.resolve("output");
        Path summary = dir.resolve("summary");
        Map<String, String> env = Map.of("INPUT_PASSWORD", password, "INPUT_USERNAME", "bot", "INPUT_IMAGE", "x", "INPUT_CONTEXT", ".",
                "GITHUB_WORKSPACE", dir.toString(), "GITHUB_OUTPUT", output.toString(), "GITHUB_STEP_SUMMARY", summary.toString());
        StringWriter log = new StringWriter();
        int status;
        try (Host host = Host.of(env)) {
            status = new ActionRun(host, env, new PrintWriter(log)).run();
        }
        assertThat(status).isEqualTo(2);
        String[] lines = log.toString().split("\n");
        assertThat(lines[0]).isEqualTo("::add-mask::s3cr%25t%0Apart-two");
        assertThat(lines[1]).isEqualTo("::add-mask::s3cr%25t");
        assertThat(lines[2]).isEqualTo("::add-mask::part-two");
        assertThat(String.join("\n", java.util.Arrays.copyOfRange(lines, 3, lines.length))).doesNotContain("s3cr").doesNotContain("part-two");
        assertThat(log.toString()).contains("::error title=archgate::both the input 'image' and the input 'context' are given");
        try (var files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(Files.readString(f)).as(f.toString()).doesNotContain("s3cr").doesNotContain("part-two");
            }
        }
        assertThat(Files.readString(output)).contains("result=error\n", "exit-code=2\n");
    }

    @Test
    void theCredentialHelperAnswersOnlyForTheNamedRegistry() {
        Inputs in = new Inputs(Map.of("INPUT_REGISTRY", "ghcr.io", "INPUT_USERNAME", "bot", "INPUT_PASSWORD", "p\"w\\d"));
        assertThat(CredentialHelper.answer(in, "ghcr.io")).isEqualTo("{\"ServerURL\":\"ghcr.io\",\"Username\":\"bot\",\"Secret\":\"p\\\"w\\\\d\"}");
        assertThat(CredentialHelper.answer(in, "https://ghcr.io/v2/")).contains("\"Secret\"");
        assertThat(CredentialHelper.answer(in, "registry.example.com")).isNull();
        Inputs hub = new Inputs(Map.of("INPUT_USERNAME", "bot", "INPUT_PASSWORD", "pw"));
        assertThat(CredentialHelper.answer(hub, "https://index.docker.io/v1/")).contains("\"Username\":\"bot\"");
        assertThat(CredentialHelper.answer(new Inputs(Map.of()), "ghcr.io")).isNull();
    }

    @Test
    void aLoginNamesTheHelperInTheImagesDockerConfigAndLeavesTheUsersAlone() {
        Inputs login = new Inputs(Map.of("INPUT_USERNAME", "bot", "INPUT_PASSWORD", "pw"));
        assertThat(CredentialHelper.configure(new Inputs(Map.of()), Map.of("DOCKER_CONFIG", CredentialHelper.IMAGE_DOCKER_CONFIG))).isNull();
        assertThat(CredentialHelper.configure(login, Map.of("DOCKER_CONFIG", dir.toString())))
                .startsWith("DOCKER_CONFIG is " + dir + ", so the registry logins come from its config.json");
        assertThat(dir.resolve("config.json")).doesNotExist();
    }
}
