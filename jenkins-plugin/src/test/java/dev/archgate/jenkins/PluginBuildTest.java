package dev.archgate.jenkins;

import static org.assertj.core.api.Assertions.assertThat;

import dev.archgate.testing.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * What can be checked offline of the real plugin build (jenkins-plugin/pom.xml, which needs repo.jenkins-ci.org): the
 * parts its parent and tools would refuse. Sources of truth: jenkinsci/plugin-pom pom.xml (tag
 * plugin-6.2221.va_045130417c9) and jenkinsci/bom bom-weekly/pom.xml (tag 6904.v75208ee5a_206) manage Jenkins core, the
 * test harness and Jenkins plugins only, so every other dependency needs its own version; jenkinsci/maven-hpi-plugin's
 * HpiMojo refuses to package without src/main/resources/index.jelly.
 */
class PluginBuildTest {
    private static final Path PLUGIN = Fixtures.repositoryRoot().resolve("jenkins-plugin");

    @Test
    void everyDependencyThatNoJenkinsPomManagesHasItsOwnVersion() throws Exception {
        List<String> unversioned = new ArrayList<>();
        for (Element d : dependencies()) {
            String group = text(d, "groupId");
            boolean jenkinsManaged = group.startsWith("org.jenkins-ci") || group.startsWith("io.jenkins");
            if (!jenkinsManaged && text(d, "version") == null) {
                unversioned.add(group + ":" + text(d, "artifactId"));
            }
        }
        assertThat(unversioned).as("dependencies that neither plugin-pom nor the BOM manages, without a version").isEmpty();
    }

    @Test
    void theTestClasspathHasOneGroovyAndNoJunitPlatformOneEngine() throws Exception {
        List<String> artifacts = dependencies().stream().map(d -> text(d, "groupId") + ":" + text(d, "artifactId")).toList();
        assertThat(artifacts).doesNotContain("org.apache.groovy:groovy", "com.tngtech.archunit:archunit-junit5")
                .contains("com.tngtech.archunit:archunit");
    }

    @Test
    void thePluginDescribesItselfAsTheHpiPluginRequires() throws Exception {
        assertThat(PLUGIN.resolve("src/main/resources/index.jelly")).isRegularFile().content().contains("<div>");
        Element project = pom();
        assertThat(text(project, "description")).as("<description>: index.jelly describes the plugin").isNull();
        // plugin-pom's scm names jenkinsci/plugin-pom unless the gitHubRepo property and this POM's scm say otherwise
        assertThat(text(project, "url")).isEqualTo("https://github.com/${gitHubRepo}");
        Element scm = (Element) project.getElementsByTagName("scm").item(0);
        assertThat(text(scm, "connection")).isEqualTo("scm:git:https://github.com/${gitHubRepo}.git");
        assertThat(text(scm, "url")).isEqualTo("https://github.com/${gitHubRepo}");
        assertThat(Files.readString(PLUGIN.resolve("Jenkinsfile"))).contains("buildPlugin(");
    }

    /** The manifest and the update site show the POM's licence and developers; the repository's LICENSE is MIT. */
    @Test
    void bothBuildsNameTheRepositorysMitLicenceAndTheDevelopersWithoutInventingOne() throws Exception {
        assertThat(Fixtures.repositoryRoot().resolve("LICENSE")).content().startsWith("MIT License\n\nCopyright (c) 2026 the archgate authors\n");
        Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(Fixtures.repositoryRoot().resolve("pom.xml").toFile()).getDocumentElement();
        for (Element project : List.of(pom(), root)) {
            Element license = (Element) project.getElementsByTagName("license").item(0);
            assertThat(license).isNotNull();
            assertThat(text(license, "name")).isEqualTo("MIT License");
            assertThat(text(license, "url")).isEqualTo("https://opensource.org/license/mit/");
        }
        Element developer = (Element) pom().getElementsByTagName("developer").item(0);
        assertThat(text(developer, "name")).as("the LICENSE's holders").isEqualTo("the archgate authors");
        assertThat(text(developer, "url")).as("filled from plugin-pom's gitHubRepo, as url and scm are")
                .isEqualTo("https://github.com/${gitHubRepo}/graphs/contributors");
    }

    private static List<Element> dependencies() throws Exception {
        Element project = pom();
        Element deps = null;
        for (Node n = project.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals("dependencies")) {
                deps = e;
            }
        }
        List<Element> out = new ArrayList<>();
        NodeList list = deps.getElementsByTagName("dependency");
        for (int i = 0; i < list.getLength(); i++) {
            if (list.item(i).getParentNode() == deps) {
                out.add((Element) list.item(i));
            }
        }
        return out;
    }

    private static Element pom() throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(PLUGIN.resolve("pom.xml").toFile()).getDocumentElement();
    }

    /** The text of {@code parent}'s direct child {@code tag}, or null. */
    private static String text(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e.getTextContent().strip();
            }
        }
        return null;
    }
}
