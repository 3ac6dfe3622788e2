package dev.archgate.jenkins;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The plugin is thin: only Jenkins plumbing knows Jenkins, the mapping of parameters, reports and summaries is plain
 * Java (tested without any stand-in), and the engine is reached only through its adapter-facing packages.
 */
class PluginRulesTest {
    private static final JavaClasses PLUGIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.archgate.jenkins");

    /**
     * What the stand-ins' signature test exempts from its abstract-member check (stand-ins/StandInSignaturesTest): no
     * class of the plugin or of its tests implements a remoting channel or subclasses the junit recorder.
     */
    @Test
    void nothingImplementsTheJenkinsTypesThePluginOnlyReceives() {
        JavaClasses withTests = new ClassFileImporter().importPackages("dev.archgate.jenkins");
        noClasses().should().implement("hudson.remoting.VirtualChannel").check(withTests);
        noClasses().should().beAssignableTo("hudson.tasks.junit.JUnitResultArchiver").check(withTests);
    }

    @Test
    void theMappingPackageKnowsNoJenkinsType() {
        noClasses().that().resideInAPackage("dev.archgate.jenkins.mapping..")
                .should().dependOnClassesThat().resideInAnyPackage("hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..",
                        "dev.archgate.jenkins")
                .check(PLUGIN);
    }

    @Test
    void thePluginUsesOnlyTheAdapterFacingPackagesOfTheEngine() {
        classes().that().resideInAPackage("dev.archgate.jenkins..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.archgate", "dev.archgate.jenkins..", "dev.archgate.gate..", "dev.archgate.host..",
                        "dev.archgate.spec..", "dev.archgate.findings..", "dev.archgate.report..", "dev.archgate.platform..", "java..", "javax.xml..", "org.xml.sax..", "org.w3c.dom..",
                        "hudson..", "jenkins..", "org.jenkinsci..", "org.kohsuke..",
                        // the localizer: Texts reads the request's locale, the real build's generated Messages class uses it
                        "org.jvnet.localizer..")
                .check(PLUGIN);
    }
}
