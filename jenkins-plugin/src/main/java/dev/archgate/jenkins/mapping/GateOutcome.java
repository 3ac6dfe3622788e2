package dev.archgate.jenkins.mapping;

import dev.archgate.report.JUnitXml;
import dev.archgate.findings.Report;
import dev.archgate.report.ReportFiles;
import dev.archgate.report.SummaryHtml;
import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * What a gate (or a merge) run on an agent sends back to the controller, made of plugin and JDK types only: Jenkins'
 * remoting class filter (JEP-200) admits those, while the engine's own {@link Report} is a library class it would
 * refuse.
 *
 * @param reportDir the report directory relative to the workspace, '/'-separated, for the test results and archive
 * @param stepResult what the Pipeline step returns ({@link StepResult})
 * @param summaryHtml the summary as the build page shows it (the engine's HTML of summary.md's document, every text escaped)
 * @param testCases how many test cases junit.xml holds (none when no platform was reached), which junit refuses to record
 */
public record GateOutcome(BuildOutcome outcome, String reportDir, Map<String, Object> stepResult, String summaryHtml,
        int testCases) implements Serializable {
    /** The report files, relative to the workspace, that the build archives. */
    public List<String> reportFiles() {
        return List.of(ReportFiles.JSON, ReportFiles.JUNIT, ReportFiles.SUMMARY).stream().map(f -> reportDir + "/" + f).toList();
    }

    /** The junit.xml to record, relative to the workspace. */
    public String junitXml() {
        return reportDir + "/" + ReportFiles.JUNIT;
    }

    public static GateOutcome of(Report report, boolean unstableOnWarning, String reportDir) {
        return new GateOutcome(BuildOutcome.of(report, unstableOnWarning), reportDir, StepResult.of(report),
                SummaryHtml.render(report, "jenkins-table archgate-summary"),
                testCases(JUnitXml.render(report)));
    }

    /** The test cases of a junit.xml, counted as junit reads them: one per {@code testcase} element. */
    static int testCases(String junitXml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new InputSource(new StringReader(junitXml)))
                    .getElementsByTagName("testcase").getLength();
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalStateException("the JDK's XML support failed on archgate's own junit.xml", e);
        }
    }
}
