package dev.archgate.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.archgate.ArchgateException;
import org.junit.jupiter.api.Test;

/**
 * The package rules of ARCHITECTURE.md: the flow goes one way, model packages know no stage,
 * stages know no other stage, the host knows no stage, only {@code gate} wires them together,
 * {@code platform} is the bottom of the model and {@code elf} stands on it alone, the engine's
 * exceptions are one type, and nothing in the engine reads the process's environment (the
 * adapters hand it a host).
 */
class PackageRulesTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.archgate");

    /** Model packages: what stages exchange. */
    private static final String[] MODEL = {"dev.archgate.findings..", "dev.archgate.platform..", "dev.archgate.report..", "dev.archgate.spec.."};
    /** Stages, each free of the others' internals. */
    private static final String[] STAGES = {"dev.archgate.lint..", "dev.archgate.build..", "dev.archgate.audit..",
        "dev.archgate.smoke..", "dev.archgate.promote.."};
    /** The machine a run works against: engines, docker CLI, emulation, the docker config. */
    private static final String HOST = "dev.archgate.host..";
    /** Every package of the engine but {@code platform} and {@code elf}. */
    private static final String[] ABOVE_ELF = {"dev.archgate.findings..", "dev.archgate.spec..", "dev.archgate.report..", "dev.archgate.image..", HOST,
        "dev.archgate.lint..", "dev.archgate.build..", "dev.archgate.audit..", "dev.archgate.smoke..", "dev.archgate.promote..",
        "dev.archgate.init..", "dev.archgate.gate.."};

    /** Platforms, their names and CPU baselines: what every other package names things by, so it names nothing of theirs. */
    @Test
    void platformDependsOnNoOtherPackage() {
        noClasses().that().resideInAPackage("dev.archgate.platform..")
                .should().dependOnClassesThat().resideInAnyPackage(concat(ABOVE_ELF, "dev.archgate.elf.."))
                .check(CORE);
    }

    /** ELF facts and what a platform's ELF files must say (ElfExpectation): they need platforms, nothing else. */
    @Test
    void elfDependsOnPlatformOnly() {
        noClasses().that().resideInAPackage("dev.archgate.elf..")
                .should().dependOnClassesThat().resideInAnyPackage(ABOVE_ELF)
                .check(CORE);
    }

    /** One exception type with a kind: a parallel one would be missed by an adapter's one catch, or mapped to another exit status. */
    @Test
    void everyExceptionTheEngineThrowsIsAnArchgateException() {
        classes().that().resideInAPackage("dev.archgate..").and().areAssignableTo(RuntimeException.class)
                .should().beAssignableTo(ArchgateException.class)
                .check(CORE);
    }

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

    /** The image model (what an image is, as read) knows neither where bytes come from nor how they are read. */
    @Test
    void imageModelKnowsNoOtherPartOfTheImagePackage() {
        noClasses().that().resideInAPackage("dev.archgate.image.model..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.archgate.image", "dev.archgate.image.store..",
                        "dev.archgate.image.stream..", "dev.archgate.image.fs..")
                .check(CORE);
    }

    /** Streams and the filesystem know no store: a new source cannot change how layers are read. */
    @Test
    void imageStreamsAndFilesystemKnowNoStore() {
        noClasses().that().resideInAnyPackage("dev.archgate.image.stream..", "dev.archgate.image.fs..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.archgate.image", "dev.archgate.image.store..")
                .check(CORE);
    }

    /** Layer streams know bytes, not files: the filesystem reads them, never the other way round. */
    @Test
    void imageStreamsKnowNoFilesystem() {
        noClasses().that().resideInAPackage("dev.archgate.image.stream..")
                .should().dependOnClassesThat().resideInAPackage("dev.archgate.image.fs..")
                .check(CORE);
    }

    /** ImageResolver is the entry point: the parts of the image package do not call back into it. */
    @Test
    void imageStoresDoNotCallTheResolver() {
        noClasses().that().resideInAPackage("dev.archgate.image.store..")
                .should().dependOnClassesThat().resideInAPackage("dev.archgate.image")
                .check(CORE);
    }

    /** The findings model is what every stage reports in; how it is written (JSON, JUnit, Markdown) is report's alone. */
    @Test
    void findingsKnowNoRenderer() {
        noClasses().that().resideInAPackage("dev.archgate.findings..")
                .should().dependOnClassesThat().resideInAPackage("dev.archgate.report..")
                .check(CORE);
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
