package dev.archgate.action;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The action is an adapter, like the CLI: it reaches the engine only through gate, host, spec, report and the platform model. */
class AdapterRulesTest {
    @Test
    void theActionUsesOnlyTheAdapterFacingPackagesOfTheEngine() {
        classes().that().resideInAPackage("dev.archgate.action..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.archgate", "dev.archgate.action..", "dev.archgate.gate..",
                        "dev.archgate.host..", "dev.archgate.spec..", "dev.archgate.findings..", "dev.archgate.report..", "dev.archgate.platform..", "java..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.archgate.action"));
    }
}
