package dev.archgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The package rules of ARCHITECTURE.md: the flow goes one way, model packages know no stage,
 * stages know no other stage, the host knows no stage, only {@code gate} wires them together,
 * and nothing in the engine reads the process's environment (the adapters hand it a host).
 */
class PackageRulesTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.archgate");

    /** Model packages: what stages exchange. */
    private static final String[] MODEL = {"dev.archgate.platform..", "dev.archgate.report..", "dev.archgate.spec.."};
    /** Stages, each free of the others' internals. */
    private static final String[] STAGES = {"dev.archgate.lint..", "dev.archgate.build..", "dev.archgate.audit..",
        "dev.archgate.smoke..", "dev.archgate.promote.."};
    /** The machine a run works against: engines, docker CLI, emulation, the docker config. */
    private static final String HOST = "dev.archgate.host..";

    @Test
    void modelPackagesDependOnNoStageAndNotOnTheGate() {
        noClasses().that().resideInAnyPackage(MODEL)
                .should().dependOnClassesThat().resideInAnyPackage(concat(STAGES, "dev.archgate.gate..", "dev.archgate.image..", HOST))
                .check(CORE);
    }

    @Test
    void theHostDependsOnNoStageAndNotOnTheGate() {
        noClasses().that().resideInAPackage(HOST)
                .should().dependOnClassesThat().resideInAnyPackage(concat(STAGES, "dev.archgate.gate.."))
                .check(CORE);
    }

    /** The adapter's environment reaches the engine as a Host; a read of the process's would miss a Jenkins build's withEnv. */
    @Test
    void nothingInTheEngineReadsTheProcessEnvironment() {
        noClasses().should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .check(CORE);
    }

    /** Everything a run opens, the run closes: a JVM shutdown hook per run would pile up in a long-lived agent. */
    @Test
    void nothingInTheEngineAddsAShutdownHook() {
        noClasses().should().callMethod(Runtime.class, "addShutdownHook", Thread.class).check(CORE);
    }

    @Test
    void readersOfImagesAndElfFilesDependOnNoStage() {
        noClasses().that().resideInAnyPackage("dev.archgate.image..", "dev.archgate.elf..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(STAGES, "dev.archgate.gate..", HOST))
                .check(CORE);
    }

    @Test
    void stagesDoNotReachIntoEachOtherOrTheGate() {
        for (String stage : STAGES) {
            String[] others = java.util.Arrays.stream(STAGES).filter(s -> !s.equals(stage)).toArray(String[]::new);
            noClasses().that().resideInAPackage(stage)
                    .should().dependOnClassesThat().resideInAnyPackage(concat(others, "dev.archgate.gate.."))
                    .allowEmptyShould(true)
                    .check(CORE);
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
