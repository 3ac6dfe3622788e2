package dev.archgate.report;

import dev.archgate.findings.Check;
import dev.archgate.findings.Finding;
import dev.archgate.findings.PlatformReport;
import dev.archgate.findings.Report;
import dev.archgate.findings.Severity;
import dev.archgate.findings.SmokeResult;
import dev.archgate.findings.Verdict;
import java.io.StringWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * junit.xml for Jenkins' junit step and other JUnit viewers: a testsuite per platform, a testcase
 * per check that reported something and per smoke test, and one "checked" testcase carrying the
 * platform's verdict. A platform that could not be checked is an {@code <error>}, never a pass.
 */
public final class JUnitXml {
    private JUnitXml() {}

    public static String render(Report report) {
        try {
            Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
            Element suites = doc.createElement("testsuites");
            suites.setAttribute("name", "archgate " + report.image());
            doc.appendChild(suites);
            if (!report.findings().isEmpty()) {
                suites.appendChild(suite(doc, "image", Verdict.PASS, report.findings(), List.of()));
            }
            for (PlatformReport p : report.platforms()) {
                suites.appendChild(suite(doc, p.platform().toString(), p.verdict(), p.findings(), p.smoke()));
            }
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.INDENT, "yes");
            transformer.setOutputProperty("{http://xml.apache.org/xslt}indent-amount", "2");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("the JDK's XML support failed", e);
        }
    }

    private static Element suite(Document doc, String name, Verdict verdict, List<Finding> findings, List<SmokeResult> smoke) {
        Element suite = doc.createElement("testsuite");
        suite.setAttribute("name", name);
        int tests = 0;
        int failures = 0;
        int errors = 0;
        Map<Check, List<Finding>> byCheck = findings.stream().filter(f -> f.severity() != Severity.INFO)
                .collect(Collectors.groupingBy(Finding::check, LinkedHashMap::new, Collectors.toList()));
        for (Map.Entry<Check, List<Finding>> e : byCheck.entrySet()) {
            Element tc = testcase(doc, name, e.getKey().id());
            String text = e.getValue().stream().map(f -> (f.path() == null ? "" : f.path() + ": ") + f.message())
                    .collect(Collectors.joining("\n"));
            boolean isError = e.getValue().stream().anyMatch(f -> f.severity() == Severity.ERROR);
            if (isError) {
                boolean environmental = e.getKey().environmental();
                tc.appendChild(problem(doc, environmental ? "error" : "failure", e.getValue().get(0).message(), text));
                if (environmental) {
                    errors++;
                } else {
                    failures++;
                }
            } else {
                Element out = doc.createElement("system-out");
                out.setTextContent(text);
                tc.appendChild(out);
            }
            suite.appendChild(tc);
            tests++;
        }
        for (SmokeResult s : smoke) {
            Element tc = testcase(doc, name, "smoke " + s.name());
            tc.setAttribute("time", String.format(java.util.Locale.ROOT, "%.3f", s.durationMs() / 1000.0));
            if (!s.passed()) {
                tc.appendChild(problem(doc, "failure", s.outcome().id() + (s.detail().isEmpty() ? "" : ": " + s.detail()), s.detail()));
                failures++;
            }
            suite.appendChild(tc);
            tests++;
        }
        Element checked = testcase(doc, name, "verdict");
        if (verdict == Verdict.ERROR) {
            checked.appendChild(problem(doc, "error", "could not be checked completely; see the findings", ""));
            errors++;
        } else if (verdict == Verdict.FAIL && failures == 0) {
            checked.appendChild(problem(doc, "failure", "failed", ""));
            failures++;
        }
        suite.appendChild(checked);
        tests++;
        suite.setAttribute("tests", Integer.toString(tests));
        suite.setAttribute("failures", Integer.toString(failures));
        suite.setAttribute("errors", Integer.toString(errors));
        return suite;
    }

    private static Element testcase(Document doc, String classname, String name) {
        Element tc = doc.createElement("testcase");
        tc.setAttribute("classname", "archgate." + classname);
        tc.setAttribute("name", name);
        return tc;
    }

    private static Element problem(Document doc, String kind, String message, String text) {
        Element e = doc.createElement(kind);
        e.setAttribute("message", message);
        e.setTextContent(text);
        return e;
    }
}
