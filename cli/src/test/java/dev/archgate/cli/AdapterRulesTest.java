package dev.archgate.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The CLI is an adapter: it reaches the engine only through gate, host, init (the starter files), spec, report, the platform model and the one exception type. */
class AdapterRulesTest {
    @Test
    void theCliUsesOnlyTheAdapterFacingPackagesOfTheEngine() {
        classes().that().resideInAPackage("dev.archgate.cli..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.archgate", "dev.archgate.cli..", "dev.archgate.gate..",
                        "dev.archgate.host..", "dev.archgate.init..", "dev.archgate.spec..", "dev.archgate.findings..", "dev.archgate.report..", "dev.archgate.platform..", "picocli..", "java..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.archgate.cli"));
    }
}
