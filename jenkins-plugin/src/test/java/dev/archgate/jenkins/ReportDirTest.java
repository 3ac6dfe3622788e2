package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel {@code archgate} steps of one build archive into one artifact tree, so two steps that leave the report
 * directory to its default must not share it: the default is named by the step's flow node, unique in the build.
 */
class ReportDirTest {
    @TempDir
    Path workspace;

    @Test
    void twoParallelStepsWithTheDefaultReportDirWriteToTwoDirectories() throws Exception {
        ArchgateStep amd64 = ParameterBindingTest.bind(new ArchgateStep(), Map.of("image", "reg.example/app:1", "platforms", List.of("linux/amd64")));
        ArchgateStep arm64 = ParameterBindingTest.bind(new ArchgateStep(), Map.of("image", "reg.example/app:1", "platforms", List.of("linux/arm64")));

        Path first = amd64.parameters().toSpec(workspace, name -> null, ArchgateStepExecution.defaultReportDir("12")).reportDir();
        Path second = arm64.parameters().toSpec(workspace, name -> null, ArchgateStepExecution.defaultReportDir("17")).reportDir();

        assertThat(first).isEqualTo(workspace.resolve("archgate-report-12"));
        assertThat(second).isEqualTo(workspace.resolve("archgate-report-17"));
    }

    @Test
    void aReportDirGivenByTheStepOrTheConfigIsKept() throws Exception {
        Files.writeString(workspace.resolve("archgate.yml"), "version: 1\nimage: reg.example/app:1\nplatforms: [linux/amd64]\nreport: {dir: out}\n");
        ArchgateStep fromConfig = ParameterBindingTest.bind(new ArchgateStep(), Map.of("config", "archgate.yml"));
        ArchgateStep given = ParameterBindingTest.bind(new ArchgateStep(), Map.of("config", "archgate.yml", "reportDir", "mine"));

        assertThat(fromConfig.parameters().toSpec(workspace, name -> null, ArchgateStepExecution.defaultReportDir("12")).reportDir())
                .isEqualTo(workspace.resolve("out"));
        assertThat(given.parameters().toSpec(workspace, name -> null, ArchgateStepExecution.defaultReportDir("12")).reportDir())
                .isEqualTo(workspace.resolve("mine"));
    }
}
